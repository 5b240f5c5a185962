import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { readJsonFile } from '../../lib/json.ts';
import { CarsError } from '../../lib/errors.ts';

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
  }),
  /** Keyring re-wraps after recipient changes: only `u/<slug>/keyring.json` files change. */
  rewraps: z.array(rewrapRecordSchema),
});
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
export type ArchivedFile = z.infer<typeof archivedFileSchema>;

export const toManifestPath = (archiveDir: string, month: string): string => `${archiveDir}/${month}.manifest.json`;
export const toTarPath = (archiveDir: string, month: string): string => `${archiveDir}/${month}.tar`;

export async function readArchiveManifest(path: string): Promise<ArchiveManifest> {
  const manifest = await readJsonFile(path, archiveManifestSchema);
  if (!manifest) throw new CarsError('archive manifest not found', path);
  return manifest;
}

export async function writeArchiveManifest(path: string, manifest: ArchiveManifest): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(archiveManifestSchema.parse(manifest), null, 2)}\n`);
  await rename(tmp, path);
}
