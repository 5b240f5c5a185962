import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/lib/digest.ts';
import { toPadding, writeSealedFile } from '../../src/pipeline/seal/sealStream.ts';
import {
  openSealed,
  parseSealedHeader,
  sealFile,
  toSizeClass,
  IV_LENGTH,
  MAX_SEALED_PAYLOAD,
  TAG_LENGTH,
} from '../../src/shared/seal/index.ts';

const context = { partySlug: 'abcdefghijklmnop', month: '2025-10', fileName: 'alerts-n13.csv' };
const dataKey = new Uint8Array(32).map((_, i) => i * 7);
const iv = new Uint8Array(IV_LENGTH).fill(9);
const gzip4 = async (bytes: Uint8Array): Promise<Uint8Array> => promisify(gzip)(bytes, { level: 4 });

// Rows that compress, with enough variety for a multi-megabyte payload: the file is read in several chunks.
const toCsv = (rows: number): Uint8Array =>
  new TextEncoder().encode(
    Array.from({ length: rows }, (_, i) => `${i},00-11-22-33-44-55-${(i % 97).toString(16)},N13,2025-10-${(i % 28) + 1}\n`).join(''),
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cars-seal-stream-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('streamed sealing', () => {
  it('writes the same bytes as the one-shot sealer, from a file read in chunks', async () => {
    const plain = toCsv(200_000);
    expect(plain.length).toBeGreaterThan(4 << 20);
    const path = join(dir, 'plain.csv');
    await writeFile(path, plain);
    const target = join(dir, 'streamed.sealed');
    const digest = await writeSealedFile({ path }, dataKey, context, target, iv);
    const streamed = await readFile(target);
    const oneShot = await sealFile(plain, dataKey, context, { iv, gzip: gzip4 });
    expect(Buffer.compare(streamed, oneShot)).toBe(0);
    expect(digest).toEqual({ sealed: sha256(streamed), plain: sha256(plain) });
  });

  it('writes the same bytes when the padding runs past a megabyte (incompressible data)', async () => {
    // xorshift: bytes gzip cannot shrink, so 4.5 MB of payload lands 1.4 MB below its class
    let x = 2463534242;
    const plain = new Uint8Array(4_500_000).map(() => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
    const path = join(dir, 'noise.bin');
    await writeFile(path, plain);
    const target = join(dir, 'noise.sealed');
    await writeSealedFile({ path }, dataKey, context, target, iv);
    const streamed = await readFile(target);
    const padded = (await parseSealedHeader(streamed)).ciphertext.length - TAG_LENGTH;
    expect(padded - plain.length).toBeGreaterThan(1 << 20);
    expect(Buffer.compare(streamed, await sealFile(plain, dataKey, context, { iv, gzip: gzip4 }))).toBe(0);
  });

  it('pads to a size class and opens to the plaintext, from bytes in memory', async () => {
    const plain = toCsv(3_000);
    const target = join(dir, 'memory.sealed');
    await writeSealedFile({ bytes: plain }, dataKey, context, target);
    const sealed = await readFile(target);
    const header = await parseSealedHeader(sealed);
    const padded = header.ciphertext.length - TAG_LENGTH;
    expect(toSizeClass(padded)).toBe(padded);
    expect(Buffer.compare(await openSealed(sealed, dataKey, context), plain)).toBe(0);
  });

  it('fails on a missing file instead of waiting for it', async () => {
    await expect(writeSealedFile({ path: join(dir, 'absent.csv') }, dataKey, context, join(dir, 'absent.sealed'))).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('names a file whose gzip the format cannot frame, and pads one it can up to its class', () => {
    expect(() => toPadding(MAX_SEALED_PAYLOAD + 1, 'pack-csv/NORT01/alerts-N13.csv')).toThrow(
      /^file too large to seal, its gzip passes the sealed format's 4 GiB: pack-csv\/NORT01\/alerts-N13\.csv \(4294967292 bytes compressed\)$/,
    );
    expect(toPadding(MAX_SEALED_PAYLOAD - 4096, 'x') + MAX_SEALED_PAYLOAD - 4096 + 4).toBe(toSizeClass(MAX_SEALED_PAYLOAD - 4092));
    expect(toPadding(10, 'x')).toBe(4096 - 14);
  });

  it('seals an empty file', async () => {
    const target = join(dir, 'empty.sealed');
    await writeSealedFile({ bytes: new Uint8Array(0) }, dataKey, context, target);
    expect((await openSealed(await readFile(target), dataKey, context)).length).toBe(0);
  });

  it('binds the sealed file to its context: another file name does not open it', async () => {
    const target = join(dir, 'bound.sealed');
    await writeSealedFile({ bytes: toCsv(10) }, dataKey, context, target);
    await expect(openSealed(await readFile(target), dataKey, { ...context, fileName: 'alerts-n55.csv' })).rejects.toThrow(/sealed for/);
  });
});
