import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SealError,
  fromBase64Url,
  openSealed,
  parseKeyring,
  sealFile,
  buildKeyring,
  deriveRecipientSecrets,
  unwrapDataKey,
} from '../../src/shared/seal/index.ts';
import { asBytes } from '../../src/shared/seal/bytes.ts';
import { refRecipientSecrets, refSeal, refWrap } from './reference.ts';

// Known-answer inputs: counting bytes, so anyone can recompute the vectors from docs/sealed-format.md.
const dataKey = Uint8Array.from({ length: 32 }, (_, i) => i);
const iv = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
const token = Uint8Array.from({ length: 32 }, (_, i) => 0xff - i);
const ctx = { partySlug: 'abcdefghijklmnop', month: '2025-01', fileName: 'srv-monthly.arrow' };
const text = new TextEncoder().encode('hello, sealed world');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// Vectors from the node:crypto reference implementation (tests/seal/reference.ts), pinned so the format cannot drift.
// Version 2 is 4183 bytes (71 header + 4096 padded payload + 16 tag): its start and SHA-256 are pinned.
const KAT_SEALED_V2_HEAD =
  '43415253020100106162636465666768696a6b6c6d6e6f7007323032352d303100117372762d6d6f6e74686c792e6172726f77529052eabcee1cb4' +
  'a0a1a2a3a4a5a6a7a8a9aaab';
const KAT_SEALED_V2_SHA256 = '6acdf2db4b075f688d708edcd6f8f0b8dc76f430a9d7b199d7878707a06aba57';
// Version 1 (unpadded), as earlier builds wrote it; still opened.
const KAT_SEALED_V1 =
  '43415253010100106162636465666768696a6b6c6d6e6f7007323032352d303100117372762d6d6f6e74686c792e6172726f77ae0d05ebaafb7d48' +
  'a0a1a2a3a4a5a6a7a8a9aaabdddac30e5a816b2906ab68bd83731786f9fd727616cca705f2fade4441fa862763efcc';
const KAT_WRAP_KEY = '514d0c79e36980da1fd5cba7743daf660f11fbd0cea00f8a0c1642fa9c48561b';
const KAT_CHECK = 'f605f551a35d85da8aab73138e46485c';
const KAT_WRAPPED = '24a6ff1fab1d84b25a248eb76525af331992ed743f2fe499884fbc0819392785cf5b265cffbc1696d4fd67906bbfca11';

async function expectSealError(promise: Promise<unknown>, kinds: SealError['kind'][]): Promise<SealError['kind']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SealError);
  expect(kinds).toContain((error as SealError).kind);
  return (error as SealError).kind;
}

describe('sealed file known answers', () => {
  it('seals uncompressed bytes exactly as the reference implementation and the pinned vector', async () => {
    const sealed = await sealFile(text, dataKey, ctx, { compression: 'none', iv });
    expect(hex(sealed)).toBe(hex(refSeal(text, dataKey, ctx, iv, { gzip: false })));
    expect(sealed.length).toBe(4183);
    expect(hex(sealed.subarray(0, KAT_SEALED_V2_HEAD.length / 2))).toBe(KAT_SEALED_V2_HEAD);
    expect(createHash('sha256').update(sealed).digest('hex')).toBe(KAT_SEALED_V2_SHA256);
  });

  it('opens the pinned vector', async () => {
    const sealed = refSeal(text, dataKey, ctx, iv, { gzip: false });
    expect(createHash('sha256').update(sealed).digest('hex')).toBe(KAT_SEALED_V2_SHA256);
    expect(new TextDecoder().decode(await openSealed(sealed, dataKey, ctx))).toBe('hello, sealed world');
  });

  it('still opens the unpadded version 1 vector of earlier builds', async () => {
    expect(hex(refSeal(text, dataKey, ctx, iv, { gzip: false, version: 1 }))).toBe(KAT_SEALED_V1);
    expect(new TextDecoder().decode(await openSealed(Buffer.from(KAT_SEALED_V1, 'hex'), dataKey, ctx))).toBe('hello, sealed world');
    const big = new TextEncoder().encode('party,rows\n'.repeat(500));
    expect(await openSealed(refSeal(big, dataKey, ctx, iv, { gzip: true, version: 1 }), dataKey, ctx)).toEqual(big);
  });

  it('opens a gzip file sealed by the reference implementation (zlib), and the reference layout of its own gzip output', async () => {
    const big = new TextEncoder().encode('party,rows\n'.repeat(5000));
    expect(await openSealed(refSeal(big, dataKey, ctx, iv, { gzip: true }), dataKey, ctx)).toEqual(big);
    const own = await sealFile(big, dataKey, ctx, { iv });
    expect(own.length).toBe(71 + 4096 + 16);
    expect(hex(own.subarray(0, 60))).toBe(hex(refSeal(big, dataKey, ctx, iv, { gzip: true }).subarray(0, 60)));
  });

  it('opens a file given as a view into a larger buffer, or backed by shared memory, without copying a plain one', async () => {
    const sealed = refSeal(text, dataKey, ctx, iv, { gzip: false });
    const larger = new Uint8Array(sealed.length + 16).fill(0xee);
    larger.set(sealed, 7);
    const view = larger.subarray(7, 7 + sealed.length);
    expect(new TextDecoder().decode(await openSealed(view, dataKey, ctx))).toBe('hello, sealed world');
    const shared = new Uint8Array(new SharedArrayBuffer(sealed.length));
    shared.set(sealed);
    expect(new TextDecoder().decode(await openSealed(shared, dataKey, ctx))).toBe('hello, sealed world');
    expect(asBytes(view)).toBe(view);
    expect(asBytes(shared)).not.toBe(shared);
    expect(asBytes(shared)).toEqual(new Uint8Array(sealed));
  });

  it('derives recipient secrets and wraps the data key as the reference does', async () => {
    const ref = refRecipientSecrets('abcdefghijkl', token);
    const secrets = await deriveRecipientSecrets({ recipientId: 'abcdefghijkl', token });
    expect([hex(secrets.wrapKey), hex(secrets.check)]).toEqual([hex(ref.wrapKey), hex(ref.check)]);
    expect([hex(secrets.wrapKey), hex(secrets.check)]).toEqual([KAT_WRAP_KEY, KAT_CHECK]);
    const wrapIv = Uint8Array.from({ length: 12 }, (_, i) => 0x10 + i);
    const keyring = parseKeyring(
      await buildKeyring({ partySlug: ctx.partySlug, month: ctx.month }, dataKey, [
        { recipientId: 'abcdefghijkl', ...secrets, iv: wrapIv },
      ]),
    );
    expect(hex(keyring.entries[0]!.wrapped)).toBe(hex(refWrap(dataKey, ref.wrapKey, wrapIv, ctx.partySlug, ctx.month, 'abcdefghijkl')));
    expect(hex(keyring.entries[0]!.wrapped)).toBe(KAT_WRAPPED);
  });
});

describe('sealed file errors', () => {
  const sealedP = sealFile(new TextEncoder().encode('x'.repeat(300) + 'tail'), dataKey, ctx, { iv });

  it('round-trips empty and binary payloads', async () => {
    for (const payload of [new Uint8Array(0), Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256)]) {
      expect(await openSealed(await sealFile(payload, dataKey, ctx), dataKey, ctx)).toEqual(payload);
    }
  });

  it('a flipped bit anywhere (header, check, IV, ciphertext, tag) is an integrity or malformed error', async () => {
    const sealed = await sealedP;
    const kinds = new Set<string>();
    for (let i = 0; i < sealed.length; i++) {
      const damaged = sealed.slice();
      damaged[i]! ^= 1 << (i % 8);
      kinds.add(await expectSealError(openSealed(damaged, dataKey, ctx), ['integrity', 'malformed']));
    }
    expect(kinds).toEqual(new Set(['integrity', 'malformed']));
  });

  it('truncation and extension fail', async () => {
    const sealed = await sealedP;
    for (const length of [0, 3, 8, 40, 60, sealed.length - 17, sealed.length - 1]) {
      await expectSealError(openSealed(sealed.slice(0, length), dataKey, ctx), ['integrity', 'malformed']);
    }
    for (const extra of [[0], [0, 0, 0, 0], Array.from({ length: 64 }, () => 7)]) {
      await expectSealError(openSealed(new Uint8Array([...sealed, ...extra]), dataKey, ctx), ['integrity', 'malformed']);
    }
  });

  it('a file opened under another party, month or name is a wrong-context error', async () => {
    const sealed = await sealedP;
    for (const other of [{ partySlug: 'zzzzzzzzzzzzzzzz' }, { month: '2025-02' }, { fileName: 'alerts.arrow' }]) {
      await expectSealError(openSealed(sealed, dataKey, { ...ctx, ...other }), ['wrong-context']);
    }
  });

  it('another data key is an integrity error', async () => {
    await expectSealError(openSealed(await sealedP, new Uint8Array(32).fill(9), ctx), ['integrity']);
  });
});

describe('keyring', () => {
  const recipient = 'abcdefghijkl';
  const keyringP = deriveRecipientSecrets({ recipientId: recipient, token }).then((s) =>
    buildKeyring({ partySlug: ctx.partySlug, month: ctx.month }, dataKey, [{ recipientId: recipient, ...s }]),
  );
  const month = { partySlug: ctx.partySlug, month: ctx.month };

  it('unwraps a key that opens the party files', async () => {
    const key = await unwrapDataKey(await keyringP, { recipientId: recipient, token }, month);
    expect(key.extractable).toBe(false);
    const sealed = await sealFile(text, dataKey, ctx);
    expect(await openSealed(sealed, key, ctx)).toEqual(text);
  });

  it('wrong token → wrong-key; unknown recipient → no-entry; other month or party → wrong-context', async () => {
    const keyring = await keyringP;
    await expectSealError(unwrapDataKey(keyring, { recipientId: recipient, token: new Uint8Array(32) }, month), ['wrong-key']);
    await expectSealError(unwrapDataKey(keyring, { recipientId: 'zzzzzzzzzzzz', token }, month), ['no-entry']);
    await expectSealError(unwrapDataKey(keyring, { recipientId: recipient, token }, { ...month, month: '2024-12' }), ['wrong-context']);
    await expectSealError(unwrapDataKey(keyring, { recipientId: recipient, token }, { ...month, partySlug: 'bbbbbbbbbbbbbbbb' }), [
      'wrong-context',
    ]);
  });

  it('a flipped bit in the wrapped key or its IV is an integrity error', async () => {
    const doc = JSON.parse(new TextDecoder().decode(await keyringP));
    for (const field of ['wrapped', 'iv']) {
      const bytes = fromBase64Url(doc.entries[0][field])!;
      for (let i = 0; i < bytes.length * 8; i += 5) {
        const damaged = bytes.slice();
        damaged[i >> 3]! ^= 1 << (i % 8);
        const entry = { ...doc.entries[0], [field]: Buffer.from(damaged).toString('base64url') };
        const file = new TextEncoder().encode(JSON.stringify({ ...doc, entries: [entry] }));
        await expectSealError(unwrapDataKey(file, { recipientId: recipient, token }, month), ['integrity']);
      }
    }
  });

  it('a keyring relabelled to another month fails authentication', async () => {
    const doc = JSON.parse(new TextDecoder().decode(await keyringP));
    const file = new TextEncoder().encode(JSON.stringify({ ...doc, month: '2025-02' }));
    await expectSealError(unwrapDataKey(file, { recipientId: recipient, token }, { ...month, month: '2025-02' }), ['integrity']);
  });
});
