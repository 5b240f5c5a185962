import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { downloadEntrySchema, type DownloadEntry } from '../../shared/partitionManifest.ts';

// Loose on purpose: the sealed manifest is the partition's, unchanged but for `downloads`.
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
