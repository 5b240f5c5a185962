import { link } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256 } from '../../lib/digest.ts';
import { readJsonFile } from '../../lib/json.ts';

/**
 * What each sealed file was sealed from, kept beside the sealed areas (never published): sealing the same plaintext
 * under the same data key again keeps the earlier sealed file instead of compressing and encrypting it anew. The
 * month is sealed twice (before and after its PDFs are printed), and only the PDFs and the manifest change.
 */
export const SEALED_FROM_FILE = 'sealed-from.json';

const sealedFromSchema = z.record(z.string(), z.object({ plain: z.string(), key: z.string(), sealed: z.string() }));
export type SealedFrom = z.infer<typeof sealedFromSchema>;

/** Key of a sealed file in the record: `<slug>/data/<name>.sealed`. */
export const toSealedKey = (slug: string, name: string): string => `${slug}/${name}`;

/** A fingerprint of the data key, so a rotated key never reuses files sealed under the old one. */
export const toKeyFingerprint = (dataKey: Uint8Array): string => sha256(Buffer.concat([Buffer.from('cars sealed-from\n'), dataKey]));

export async function readSealedFrom(sealDir: string): Promise<SealedFrom> {
  return (await readJsonFile(join(sealDir, SEALED_FROM_FILE), sealedFromSchema, { stage: 'seal', optional: true })) ?? {};
}

/**
 * Link the earlier sealed file into `target` when it was sealed from `plain` under `key`; its digest, or undefined
 * when it has to be sealed again (a missing earlier file included).
 */
export async function reuseSealed(
  earlier: { dir: string; record: SealedFrom },
  key: string,
  entry: { key: string; plain: string },
  target: string,
): Promise<string | undefined> {
  const found = earlier.record[key];
  if (!found || found.plain !== entry.plain || found.key !== entry.key) return undefined;
  return link(join(earlier.dir, 'u', key), target).then(
    () => found.sealed,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
}
