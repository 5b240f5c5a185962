import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAD_UNIT, SealError, openSealed, sealFile, toSizeClass } from '../../src/shared/seal/index.ts';
import { refPad, refSeal, refSizeClass } from './reference.ts';

const dataKey = Uint8Array.from({ length: 32 }, (_, i) => 5 * i);
const ctx = { partySlug: 'abcdefghijklmnop', month: '2025-10', fileName: 'item_daily.arrow' };
const iv = new Uint8Array(12).fill(0x42);
// magic 4, version/type/compression/slug length 4, slug 16, month 1 + 7, name 2 + 16, header check 8, IV 12
const HEADER = 4 + 4 + 16 + 1 + 7 + 2 + ctx.fileName.length + 8 + 12;
const TAG = 16;
const LENGTH_FIELD = 4;

/** Classes in 4 KiB units: 2^j and ⌈2^j·√2⌉ (see docs/sealed-format.md). */
const FIRST_CLASSES = [1, 2, 3, 4, 6, 8, 12, 16, 23, 32, 46, 64, 91, 128, 182, 256, 363, 512, 725, 1024].map((u) => u * PAD_UNIT);

async function kindOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => 'opened',
    (e: unknown) => e,
  );
  return error instanceof SealError ? error.kind : String(error);
}

/** Lengths of an uncompressed payload around each class boundary: the class holds the payload plus its length field. */
const boundaryLengths = (classes: number[]): number[] => [
  0,
  1,
  ...classes.flatMap((c) => [c - LENGTH_FIELD - 1, c - LENGTH_FIELD, c - LENGTH_FIELD + 1]),
];

describe('size classes', () => {
  it('are 4 KiB, then steps of at most √2 rounded up to 4 KiB, and agree with the reference', () => {
    const seen: number[] = [];
    for (let n = 0; n <= FIRST_CLASSES.at(-1)!; n += 997) seen.push(toSizeClass(n));
    expect([...new Set(seen)]).toEqual(FIRST_CLASSES);
    for (let i = 1; i < FIRST_CLASSES.length; i++) {
      const [low, high] = [FIRST_CLASSES[i - 1]!, FIRST_CLASSES[i]!];
      expect(toSizeClass(low)).toBe(low);
      expect(toSizeClass(low + 1)).toBe(high);
      expect(high % PAD_UNIT).toBe(0);
      expect(high).toBeLessThanOrEqual(Math.ceil((low * Math.SQRT2) / PAD_UNIT) * PAD_UNIT);
    }
    for (const n of [0, 1, 4096, 4097, 94_207, 94_208, 94_209, 1_000_000, 5_000_000, 700_000_000])
      expect(toSizeClass(n)).toBe(refSizeClass(n));
  });

  it('rejects lengths that are not counts', () => {
    for (const n of [-1, 1.5, Number.NaN, 2 ** 38 + 1, 2 ** 60]) expect(() => toSizeClass(n)).toThrow(SealError);
    expect(toSizeClass(2 ** 38)).toBe(2 ** 38);
  });
});

describe('padded sealed files', () => {
  it('round-trip every length around the class boundaries, and the sealed size is header + class + tag', async () => {
    const lengths = boundaryLengths(FIRST_CLASSES.slice(0, 10));
    for (const length of lengths) {
      const plain = randomBytes(length);
      const sealed = await sealFile(plain, dataKey, ctx, { compression: 'none' });
      expect(sealed.length - HEADER - TAG).toBe(toSizeClass(length + LENGTH_FIELD));
      expect(FIRST_CLASSES).toContain(sealed.length - HEADER - TAG);
      expect(Buffer.from(await openSealed(sealed, dataKey, ctx)).equals(plain)).toBe(true);
    }
    expect(lengths).toContain(PAD_UNIT - LENGTH_FIELD + 1);
  });

  it('pad the compressed bytes: gzip payloads round-trip and land on classes', async () => {
    for (const length of [0, 1, 4000, 4100, 9000, 70_000]) {
      const plain = randomBytes(length); // incompressible, so gzip output crosses the boundaries too
      const sealed = await sealFile(plain, dataKey, ctx);
      expect(FIRST_CLASSES).toContain(sealed.length - HEADER - TAG);
      expect(Buffer.from(await openSealed(sealed, dataKey, ctx)).equals(plain)).toBe(true);
    }
  });

  it('give equal sizes to different plaintexts of the same class', async () => {
    const sizes = async (plains: Uint8Array[], compression: 'none' | 'gzip'): Promise<number[]> =>
      Promise.all(plains.map(async (p) => (await sealFile(p, dataKey, ctx, { compression })).length));
    expect(new Set(await sizes([randomBytes(0), randomBytes(10), randomBytes(4092)], 'none'))).toEqual(new Set([HEADER + 4096 + TAG]));
    expect(new Set(await sizes([randomBytes(70_000), randomBytes(90_000)], 'none'))).toEqual(new Set([HEADER + 94_208 + TAG]));
    const csv = (rows: number): Uint8Array => new TextEncoder().encode('2025-10-01,North,Credit,120,4\n'.repeat(rows));
    expect(new Set(await sizes([csv(1), csv(100), randomBytes(3000)], 'gzip'))).toEqual(new Set([HEADER + 4096 + TAG]));
    expect((await sizes([randomBytes(4093)], 'none'))[0]).toBe(HEADER + 8192 + TAG);
  });

  it('authenticate the padding: any changed padding byte, or a cut or added class, fails', async () => {
    const sealed = await sealFile(new TextEncoder().encode('short payload'), dataKey, ctx, { compression: 'none', iv });
    const paddingStart = HEADER + LENGTH_FIELD + 13;
    for (const at of [paddingStart, paddingStart + 1, paddingStart + 2000, sealed.length - TAG - 1]) {
      const damaged = sealed.slice();
      damaged[at]! ^= 0x01;
      expect(await kindOf(openSealed(damaged, dataKey, ctx))).toBe('integrity');
    }
    const grown = Buffer.concat([sealed.subarray(0, sealed.length - TAG), new Uint8Array(PAD_UNIT), sealed.subarray(sealed.length - TAG)]);
    expect(await kindOf(openSealed(grown, dataKey, ctx))).toBe('integrity');
    const big = await sealFile(randomBytes(5000), dataKey, ctx, { compression: 'none', iv });
    const cut = Buffer.concat([big.subarray(0, HEADER + PAD_UNIT), big.subarray(big.length - TAG)]);
    expect(await kindOf(openSealed(cut, dataKey, ctx))).toBe('integrity');
    const offClass = Buffer.concat([big.subarray(0, HEADER + 5000), big.subarray(big.length - TAG)]);
    expect(await kindOf(openSealed(offClass, dataKey, ctx))).toBe('malformed');
  });

  it('reject an authenticated file whose length field or padding is wrong', async () => {
    const payload = new TextEncoder().encode('twelve bytes');
    const withFraming = (edit: (framed: Buffer) => Buffer): Buffer =>
      refSeal(payload, dataKey, ctx, iv, { gzip: false, framed: edit(refPad(payload)) });
    expect(
      await kindOf(
        openSealed(
          withFraming((f) => f),
          dataKey,
          ctx,
        ),
      ),
    ).toBe('opened');
    const cases: [string, (f: Buffer) => Buffer][] = [
      ['length past the end', (f) => (f.writeUInt32BE(4093), f)],
      ['length of the largest u32', (f) => (f.writeUInt32BE(0xffff_ffff), f)],
      ['length that belongs to a smaller class', (f) => Buffer.concat([f, Buffer.alloc(4096)])],
      ['non-zero padding', (f) => ((f[100] = 1), f)],
      ['non-zero last byte', (f) => ((f[f.length - 1] = 0x80), f)],
      ['short length leaving payload bytes as padding', (f) => (f.writeUInt32BE(6), f)],
    ];
    for (const [what, edit] of cases)
      expect([what, await kindOf(openSealed(withFraming(edit), dataKey, ctx))]).toEqual([what, 'malformed']);
    const offClass = withFraming((f) => f.subarray(0, 4000));
    expect(await kindOf(openSealed(offClass, dataKey, ctx))).toBe('malformed');
  });

  it('any authenticated plaintext of a class size opens to exactly its declared payload or is malformed', async () => {
    const outcomes = new Set<unknown>();
    await fc.assert(
      fc.asyncProperty(fc.nat(5000), fc.uint8Array({ maxLength: 40 }), fc.nat(4095), async (length, junk, at) => {
        const framed = Buffer.alloc(4096);
        framed.writeUInt32BE(length);
        framed.set(junk.subarray(0, 4096 - at), at);
        const sealed = refSeal(new Uint8Array(0), dataKey, ctx, iv, { gzip: false, framed });
        const end = LENGTH_FIELD + framed.readUInt32BE(0); // the junk may overwrite the length field too
        const canonical = end <= 4096 && framed.subarray(end).every((b) => b === 0);
        const outcome = await openSealed(sealed, dataKey, ctx).then(
          (plain) => Buffer.from(plain).equals(framed.subarray(LENGTH_FIELD, end)),
          (e: unknown) => (e instanceof SealError ? e.kind : String(e)),
        );
        expect(outcome).toBe(canonical ? true : 'malformed');
        outcomes.add(outcome);
      }),
      { numRuns: 300 },
    );
    expect(outcomes).toEqual(new Set([true, 'malformed']));
  });

  it('keep rejecting versions other than 1 and 2 as malformed', async () => {
    const sealed = await sealFile(new Uint8Array(3), dataKey, ctx);
    for (const version of [0, 3, 255]) {
      const other = sealed.slice();
      other[4] = version;
      const error = await openSealed(other, dataKey, ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SealError);
      expect([(error as SealError).kind, (error as SealError).message]).toEqual([
        'malformed',
        `not a readable sealed file: unsupported version ${version}`,
      ]);
    }
  });
});
