import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/lib/digest.ts';
import { writeSealedFile } from '../../src/pipeline/seal/sealStream.ts';
import { openSealed, parseSealedHeader, sealFile, toSizeClass, IV_LENGTH, TAG_LENGTH } from '../../src/shared/seal/index.ts';

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
