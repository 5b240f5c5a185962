import { readFile, rename, writeFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { readJsonFile } from '../../lib/json.ts';
import { inputRejectsSchema } from '../../shared/monthFacts.ts';
import { CarsError } from '../../lib/errors.ts';
import { isValidSignature, signBytes, toKeyId, toSignaturePath, type SigningKey } from './signing.ts';

const digest = z.string().regex(/^[0-9a-f]{64}$/);

export const archivedFileSchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: digest });

export const rewrapRecordSchema = z.object({
  at: z.string(),
  files: z.array(z.object({ path: z.string(), before: digest, after: digest })),
});

/** `<archive>/<month>.manifest.json`: what `cars verify` checks an archive or a month folder against. */
export const archiveManifestSchema = z.object({
  format: z.literal('cars-archive'),
  version: z.literal(1),
  month: z.string(),
  archive: z.object({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: digest }),
  /** Paths relative to the month folder; the tar holds them under `<month>/`. */
  files: z.array(archivedFileSchema),
  build: z.object({
    tool: z.string(),
    toolVersion: z.string(),
    /** When the month's output was last written (newest file). */
    builtAt: z.string(),
    archivedAt: z.string(),
    inputDigests: z.record(z.string(), z.string()),
    policy: z.unknown(),
    /** The month's input files: rows rejected at ingest and the rate accepted (absent in archives made before it was kept). */
    inputRejects: z.array(inputRejectsSchema).optional(),
  }),
  /** Keyring re-wraps after recipient changes: only `u/<slug>/keyring.json` files change. */
  rewraps: z.array(rewrapRecordSchema),
  /** Which key signed the manifest (`<manifest>.sig`): SHA-256 of its public key. */
  signedBy: z.object({ algorithm: z.literal('Ed25519'), key: digest }).optional(),
});
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
export type ArchivedFile = z.infer<typeof archivedFileSchema>;

export const toManifestPath = (archiveDir: string, month: string): string => `${archiveDir}/${month}.manifest.json`;
export const toTarPath = (archiveDir: string, month: string): string => `${archiveDir}/${month}.tar`;

/** The manifest's content, unchecked: use readSignedManifest before trusting it. */
export async function readArchiveManifest(path: string): Promise<ArchiveManifest> {
  const manifest = await readJsonFile(path, archiveManifestSchema, { optional: true });
  if (!manifest) throw new CarsError('archive manifest not found', path);
  return manifest;
}

/** The manifest, only after its detached signature verified with `publicKey`. */
export async function readSignedManifest(path: string, publicKey: KeyObject, keyPath: string): Promise<ArchiveManifest> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('archive manifest not found', path);
    throw error;
  });
  const signature = await readFile(toSignaturePath(path)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('archive manifest is not signed (no signature file)', toSignaturePath(path));
    throw error;
  });
  if (!isValidSignature(bytes, signature, publicKey))
    throw new CarsError('archive manifest signature does not verify', path, `key ${keyPath}, sha256 ${toKeyId(publicKey).slice(0, 16)}…`);
  // Parse the very bytes that were checked, not the file again.
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CarsError('not valid JSON', path);
  }
  const parsed = archiveManifestSchema.safeParse(json);
  if (!parsed.success) throw new CarsError('unexpected content', parsed.error.issues[0]?.message ?? 'invalid', path);
  return parsed.data;
}

async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** Write the manifest and its signature (manifest first: a crash between leaves it failing verify, not passing). */
export async function writeArchiveManifest(path: string, manifest: ArchiveManifest, key: SigningKey): Promise<ArchiveManifest> {
  const signed = archiveManifestSchema.parse({ ...manifest, signedBy: { algorithm: 'Ed25519', key: key.keyId } });
  const bytes = Buffer.from(`${JSON.stringify(signed, null, 2)}\n`);
  await writeAtomic(path, bytes);
  await writeAtomic(toSignaturePath(path), signBytes(bytes, key));
  return signed;
}
