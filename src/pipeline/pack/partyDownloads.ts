import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256 } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';

/** A per-party file offered for download; listed in the party manifest so the seal stage seals it. */
export const downloadEntrySchema = z.object({
  name: z.string(),
  file: z.string(),
  rows: z.number().int().nonnegative().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['csv', 'pdf']),
});
export type DownloadEntry = z.infer<typeof downloadEntrySchema>;

const partyManifestJsonSchema = z.looseObject({
  party: z.looseObject({ partyId: z.string(), partyName: z.string() }),
  month: z.string(),
  downloads: z.array(downloadEntrySchema).optional(),
});
export type PartyManifestJson = z.infer<typeof partyManifestJsonSchema>;

export function parsePartyManifestJson(bytes: Uint8Array | string, where: string): PartyManifestJson {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch {
    throw new CarsError('party manifest is not JSON', where);
  }
  const parsed = partyManifestJsonSchema.safeParse(json);
  if (!parsed.success) throw new CarsError('unexpected party manifest', parsed.error.issues[0]?.message ?? 'invalid', where);
  return parsed.data;
}

/** The manifest with the downloads of `format` replaced by `entries` (others kept), in file order. */
export function withDownloads(manifest: PartyManifestJson, format: DownloadEntry['format'], entries: DownloadEntry[]): PartyManifestJson {
  const kept = (manifest.downloads ?? []).filter((d) => d.format !== format);
  const downloads = [...kept, ...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ...manifest, downloads };
}

export const toManifestText = (manifest: PartyManifestJson): string => `${JSON.stringify(manifest, null, 2)}\n`;

/** Replace a partition party's CSV downloads (files listed before are deleted); the new manifest's digest. */
export async function writePartitionDownloads(partitionDir: string, partyId: string, entries: DownloadEntry[]): Promise<string> {
  const path = join(partitionDir, partyId, 'manifest.json');
  const manifest = parsePartyManifestJson(await readFile(path), path);
  const fresh = new Set(entries.map((e) => e.file));
  for (const old of manifest.downloads ?? [])
    if (old.format === 'csv' && !fresh.has(old.file)) await rm(join(partitionDir, partyId, old.file), { force: true });
  const text = toManifestText(withDownloads(manifest, 'csv', entries));
  await writeFile(path, text);
  return sha256(text);
}

/** Keep the partition manifest's digests of the party manifests true after they changed. */
export async function writePartitionDigests(partitionDir: string, digests: Map<string, string>): Promise<void> {
  const path = join(partitionDir, 'partition-manifest.json');
  const schema = z.looseObject({ parties: z.array(z.looseObject({ partyId: z.string(), sha256: z.string() })) });
  const top = schema.parse(JSON.parse(await readFile(path, 'utf8')));
  for (const p of top.parties) p.sha256 = digests.get(p.partyId) ?? p.sha256;
  await writeFile(path, `${JSON.stringify(top, null, 2)}\n`);
}
