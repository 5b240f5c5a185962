import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/digest.ts';
import { FILE_NAME_PATTERN } from '../../shared/seal/index.ts';
import { readJsonFile } from './secretsDir.ts';

const partitionManifestSchema = z.looseObject({
  parties: z.array(z.union([z.string(), z.looseObject({ partyId: z.string() }).transform((p) => p.partyId)])),
});

const listedFileSchema = z.looseObject({ file: z.string(), sha256: z.string().optional() });

export const partyManifestSchema = z.looseObject({
  party: z.looseObject({ partyId: z.string(), partyName: z.string(), roles: z.array(z.string()) }),
  month: z.string(),
  datasets: z.array(listedFileSchema.extend({ name: z.string(), rows: z.number() })),
});

export interface PartyInput {
  partyId: string;
  manifestBytes: Uint8Array;
  /** Every file the manifest lists (datasets, downloads, …), read and digest-checked. */
  files: { name: string; bytes: Uint8Array }[];
}

export async function readPartitionParties(partitionDir: string): Promise<string[]> {
  const path = join(partitionDir, 'partition-manifest.json');
  const manifest = await readJsonFile(path, partitionManifestSchema);
  if (!manifest) throw new CarsError('partition manifest missing (run partition first)', path);
  return manifest.parties;
}

/** Files listed by any top-level array of `{file}` objects, so later stages can add downloads, PDF, index. */
export function toListedFiles(manifest: Record<string, unknown>): z.infer<typeof listedFileSchema>[] {
  return Object.values(manifest)
    .filter(Array.isArray)
    .flatMap((items: unknown[]) =>
      items.flatMap((item) => {
        const parsed = listedFileSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    );
}

export async function readPartyInput(partitionDir: string, partyId: string, month: string): Promise<PartyInput> {
  const dir = join(partitionDir, partyId);
  const manifestPath = join(dir, 'manifest.json');
  const manifestBytes = await readFile(manifestPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('party manifest missing', manifestPath);
    throw error;
  });
  const manifest = await readJsonFile(manifestPath, partyManifestSchema);
  if (!manifest) throw new CarsError('party manifest missing', manifestPath);
  if (manifest.party.partyId !== partyId || manifest.month !== month)
    throw new CarsError('party manifest of another party or month', manifestPath);
  const files = [];
  const seen = new Set<string>(['manifest.json']);
  for (const listed of toListedFiles(manifest)) {
    const name = listed.file;
    if (name !== basename(name) || !FILE_NAME_PATTERN.test(name))
      throw new CarsError('listed file must be a plain file name', name, manifestPath);
    if (seen.has(name)) throw new CarsError('file listed twice', name, manifestPath);
    seen.add(name);
    const bytes = await readFile(join(dir, name));
    if (listed.sha256 && sha256(bytes) !== listed.sha256)
      throw new CarsError('file does not match its manifest digest', name, manifestPath);
    files.push({ name, bytes });
  }
  return { partyId, manifestBytes, files };
}
