import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/digest.ts';
import { readJsonFile } from '../../lib/json.ts';
import {
  DOWNLOADS_MANIFEST_FILE,
  downloadsManifestSchema,
  PARTITION_MANIFEST_FILE,
  PARTY_MANIFEST_FILE,
  type DownloadEntry,
} from '../../shared/partitionManifest.ts';
import { FILE_NAME_PATTERN } from '../../shared/seal/index.ts';
import { parsePartyManifestJson, toManifestText, withDownloads } from './partyDownloads.ts';

// Only what sealing needs: the party ids (plain strings in older synthetic partitions).
const partitionPartiesSchema = z.looseObject({
  parties: z.array(z.union([z.string(), z.looseObject({ partyId: z.string() }).transform((p) => p.partyId)])),
});

const listedFileSchema = z.looseObject({ file: z.string(), sha256: z.string().optional() });

export interface ListedFile {
  name: string;
  path: string;
  /** The digest the manifest lists, when it lists one. */
  expected: string | undefined;
  manifestPath: string;
}

export interface PartyInput {
  partyId: string;
  manifestBytes: Uint8Array;
  /** Every file the manifest lists (datasets, downloads, …), found; read (and digest-checked) when sealed. */
  files: ListedFile[];
  /** Packed files left out because they were made from an earlier partition. */
  stale: string[];
}

/** One party's downloads from a pack stage's own list, and the folder holding them. */
export interface PartyDownloads {
  dir: string;
  /** csv from pack-csv, pdf from pack-pdf: each stage's list replaces the downloads of its format. */
  format: DownloadEntry['format'];
  /** Set by pack-pdf: the digest of the party manifest the PDF was printed from. */
  partyManifestSha256?: string;
  downloads: DownloadEntry[];
}

export async function readPartitionParties(partitionDir: string): Promise<string[]> {
  const manifest = await readJsonFile(join(partitionDir, PARTITION_MANIFEST_FILE), partitionPartiesSchema, { stage: 'partition' });
  return manifest.parties;
}

/** A pack stage's downloads per party; an empty map when the stage has not run (the month is sealed without them). */
export async function readPackedDownloads(
  dir: string,
  month: string,
  stage: 'pack-csv' | 'pack-pdf',
): Promise<Map<string, PartyDownloads>> {
  const path = join(dir, DOWNLOADS_MANIFEST_FILE);
  if (!existsSync(path)) return new Map();
  const manifest = await readJsonFile(path, downloadsManifestSchema, { stage });
  if (manifest.month !== month)
    throw new CarsError(`${stage} downloads are for another month, rerun the ${stage} stage`, manifest.month, path);
  const format = stage === 'pack-csv' ? 'csv' : 'pdf';
  return new Map(manifest.parties.map((p) => [p.partyId, { ...p, format, dir: join(dir, p.partyId) }]));
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

/** A listed file that exists; its digest is checked where it is read, when sealed. */
async function findListedFile(dir: string, name: string, digest: string | undefined, manifestPath: string): Promise<ListedFile> {
  const path = join(dir, name);
  await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('listed file missing, rerun the stage that wrote it', path, manifestPath);
    throw error;
  });
  return { name, path, expected: digest, manifestPath };
}

/** The digest of a listed file's bytes, or an error when its manifest gave another. */
export function checkListedDigest(file: ListedFile, actual: string): string {
  if (file.expected && actual !== file.expected)
    throw new CarsError('file does not match its manifest digest', file.name, file.manifestPath);
  return actual;
}

/** The packs whose files belong with this partition: a PDF printed from an earlier party manifest is left out. */
function toCurrentPacks(packs: PartyDownloads[], partitionBytes: Uint8Array): { current: PartyDownloads[]; stale: PartyDownloads[] } {
  const digest = sha256(partitionBytes);
  const isCurrent = (p: PartyDownloads): boolean => p.partyManifestSha256 === undefined || p.partyManifestSha256 === digest;
  return { current: packs.filter(isCurrent), stale: packs.filter((p) => !isCurrent(p)) };
}

/**
 * One party's files to seal: the partition manifest (with the packed downloads added) and every file it
 * lists, read from the folder of the stage that wrote it.
 */
export async function readPartyInput(
  partitionDir: string,
  partyId: string,
  month: string,
  packs: PartyDownloads[] = [],
): Promise<PartyInput> {
  const dir = join(partitionDir, partyId);
  const manifestPath = join(dir, PARTY_MANIFEST_FILE);
  const partitionBytes = await readFile(manifestPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('party manifest missing, rerun the partition stage', manifestPath);
    throw error;
  });
  let manifest = parsePartyManifestJson(partitionBytes, manifestPath);
  if (manifest.party.partyId !== partyId || manifest.month !== month)
    throw new CarsError('party manifest of another party or month', manifestPath);
  const { current, stale } = toCurrentPacks(packs, partitionBytes);
  for (const pack of current) manifest = withDownloads(manifest, pack.format, pack.downloads);
  const manifestBytes = current.length ? new TextEncoder().encode(toManifestText(manifest)) : partitionBytes;
  const fromPack = new Map(current.flatMap((pack) => pack.downloads.map((d) => [d.file, pack.dir] as const)));
  const files = [];
  const seen = new Set<string>([PARTY_MANIFEST_FILE]);
  for (const listed of toListedFiles(manifest)) {
    const name = listed.file;
    if (name !== basename(name) || !FILE_NAME_PATTERN.test(name))
      throw new CarsError('listed file must be a plain file name', name, manifestPath);
    if (seen.has(name)) throw new CarsError('file listed twice', name, manifestPath);
    seen.add(name);
    files.push(await findListedFile(fromPack.get(name) ?? dir, name, listed.sha256, manifestPath));
  }
  return { partyId, manifestBytes, files, stale: stale.flatMap((p) => p.downloads.map((d) => d.file)) };
}
