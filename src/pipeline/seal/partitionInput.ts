import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/digest.ts';
import { readStageManifest } from '../../lib/stageManifest.ts';
import {
  DOWNLOADS_MANIFEST_FILE,
  downloadsManifestSchema,
  PARTITION_MANIFEST_FILE,
  PARTY_MANIFEST_FILE,
  type DownloadEntry,
} from '../../shared/partitionManifest.ts';
import { FILE_NAME_PATTERN } from '../../shared/seal/index.ts';
import { parsePartyManifestJson, toManifestText, withDownloads } from '../pack/partyDownloads.ts';

// Only what sealing needs: the party ids (plain strings in older synthetic partitions).
const partitionPartiesSchema = z.looseObject({
  parties: z.array(z.union([z.string(), z.looseObject({ partyId: z.string() }).transform((p) => p.partyId)])),
});

const listedFileSchema = z.looseObject({ file: z.string(), sha256: z.string().optional() });

export interface PartyInput {
  partyId: string;
  manifestBytes: Uint8Array;
  /** Every file the manifest lists (datasets, downloads, …), read and digest-checked. */
  files: { name: string; bytes: Uint8Array }[];
}

/** The CSV downloads of one party and the folder holding them, from pack-csv's own list. */
export interface PartyDownloads {
  dir: string;
  downloads: DownloadEntry[];
}

export async function readPartitionParties(partitionDir: string): Promise<string[]> {
  const manifest = await readStageManifest(join(partitionDir, PARTITION_MANIFEST_FILE), partitionPartiesSchema, 'partition');
  return manifest.parties;
}

/** pack-csv's downloads per party; an empty map when pack-csv has not run (the month is sealed without CSVs). */
export async function readPackedDownloads(packCsvDir: string, month: string): Promise<Map<string, PartyDownloads>> {
  const path = join(packCsvDir, DOWNLOADS_MANIFEST_FILE);
  const exists = await readFile(path).then(
    () => true,
    () => false,
  );
  if (!exists) return new Map();
  const manifest = await readStageManifest(path, downloadsManifestSchema, 'pack-csv');
  if (manifest.month !== month)
    throw new CarsError('pack-csv downloads are for another month, rerun the pack-csv stage', manifest.month, path);
  return new Map(manifest.parties.map((p) => [p.partyId, { dir: join(packCsvDir, p.partyId), downloads: p.downloads }]));
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

async function readListedFile(dir: string, name: string, digest: string | undefined, manifestPath: string): Promise<Uint8Array> {
  const path = join(dir, name);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('listed file missing, rerun the stage that wrote it', path, manifestPath);
    throw error;
  });
  if (digest && sha256(bytes) !== digest) throw new CarsError('file does not match its manifest digest', name, manifestPath);
  return bytes;
}

/**
 * One party's files to seal: the partition manifest (with the pack-csv downloads added when given) and
 * every file it lists, read from the folder of the stage that wrote it.
 */
export async function readPartyInput(partitionDir: string, partyId: string, month: string, packed?: PartyDownloads): Promise<PartyInput> {
  const dir = join(partitionDir, partyId);
  const manifestPath = join(dir, PARTY_MANIFEST_FILE);
  const partitionBytes = await readFile(manifestPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('party manifest missing, rerun the partition stage', manifestPath);
    throw error;
  });
  let manifest = parsePartyManifestJson(partitionBytes, manifestPath);
  if (manifest.party.partyId !== partyId || manifest.month !== month)
    throw new CarsError('party manifest of another party or month', manifestPath);
  if (packed) manifest = withDownloads(manifest, 'csv', packed.downloads);
  const manifestBytes = packed ? new TextEncoder().encode(toManifestText(manifest)) : partitionBytes;
  const fromPack = new Set(packed?.downloads.map((d) => d.file));
  const files = [];
  const seen = new Set<string>([PARTY_MANIFEST_FILE]);
  for (const listed of toListedFiles(manifest)) {
    const name = listed.file;
    if (name !== basename(name) || !FILE_NAME_PATTERN.test(name))
      throw new CarsError('listed file must be a plain file name', name, manifestPath);
    if (seen.has(name)) throw new CarsError('file listed twice', name, manifestPath);
    seen.add(name);
    const from = packed && fromPack.has(name) ? packed.dir : dir;
    files.push({ name, bytes: await readListedFile(from, name, listed.sha256, manifestPath) });
  }
  return { partyId, manifestBytes, files };
}
