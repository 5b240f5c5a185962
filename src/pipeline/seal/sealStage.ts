import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256 } from '../../lib/digest.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { startProgress } from '../../lib/progress.ts';
import { buildKeyring, sealFile } from '../../shared/seal/index.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { PARTY_MANIFEST_FILE, SEAL_MANIFEST_FILE } from '../../shared/partitionManifest.ts';
import { readPackedDownloads, readPartitionParties, readPartyInput } from './partitionInput.ts';
import { readPrivateNotes, withPartyInsights } from './partyInsights.ts';
import { readSealKey } from './dataKeys.ts';
import { activeRecipients, addRecipient, ensureParty, readRegistry, toKeyringRecipients, writeRegistry } from './registry.ts';
import { linksPath } from './secretsDir.ts';
import { toLinkLine, writeSignInLinks } from './signInLinks.ts';

export const sealManifestSchema = z.object({
  month: z.string(),
  parties: z.array(
    z.object({
      partyId: z.string(),
      slug: z.string(),
      keyring: z.string(),
      files: z.array(z.object({ name: z.string(), sha256: z.string() })),
    }),
  ),
});
export type SealManifest = z.infer<typeof sealManifestSchema>;

export const sealDir = (ws: Workspace): string => stageDir(ws, 'seal');
export const toSignInLink = (month: string, slug: string, accessKey: string): string => `/${month}/u/${slug}/#k=${accessKey}`;
export const sealedName = (fileName: string): string => `${fileName}.sealed`;

export interface SealOptions {
  secrets: string;
  bootstrap: boolean;
  /** Where sign-in links are printed (once); defaults to stdout. */
  print?: (line: string) => void;
}

/**
 * Seal every party's partition with its packed downloads (pack-csv's CSVs, pack-pdf's PDF when printed
 * from this partition): `<work>/<month>/seal/u/<slug>/{keyring.json,data/*.sealed}` + seal-manifest.json.
 */
export async function runSeal(ws: Workspace, options: SealOptions): Promise<SealManifest> {
  const print = options.print ?? ((line: string) => console.log(line));
  const partitionDir = stageDir(ws, 'partition');
  const partyIds = await readPartitionParties(partitionDir);
  const csv = await readPackedDownloads(stageDir(ws, 'pack-csv'), ws.month, 'pack-csv');
  const pdf = await readPackedDownloads(stageDir(ws, 'pack-pdf'), ws.month, 'pack-pdf');
  const registry = await readRegistry(options.secrets);
  const links: string[] = [];
  const shown: string[] = [];
  for (const partyId of partyIds) {
    const party = ensureParty(registry, partyId);
    if (activeRecipients(party).length === 0 && options.bootstrap) {
      const issued = await addRecipient(registry, partyId, 'bootstrap');
      links.push(toLinkLine(partyId, toSignInLink(ws.month, party.slug, issued.accessKey), issued));
      // address and key apart: an address holding the key would stay in the browser's history
      shown.push(
        `  ${partyId}\t/${ws.month}/u/${party.slug}/\taccess key ${issued.accessKey}\thost user ${issued.recipient.recipientId} password ${issued.password}`,
      );
    }
  }
  await writeRegistry(options.secrets, registry);
  if (links.length) {
    await writeSignInLinks(options.secrets, registry, links);
    print(`new recipients (shown once, also in ${linksPath(options.secrets)}): open the address, paste the access key`);
    for (const line of shown) print(line);
  }
  const progress = startProgress(`seal ${ws.month}`, partyIds.length);
  const manifest: SealManifest = { month: ws.month, parties: [] };
  const notes = await readPrivateNotes(ws);
  await writeDirAtomic(sealDir(ws), async (tmp) => {
    for (const [index, partyId] of partyIds.entries()) {
      const party = ensureParty(registry, partyId);
      if (activeRecipients(party).length === 0) print(`warning: party ${partyId} has no recipient; nobody can open its report`);
      const packs = [csv.get(partyId), pdf.get(partyId)].filter((p) => p !== undefined);
      const input = await readPartyInput(partitionDir, partyId, ws.month, packs);
      if (input.stale.length)
        print(`warning: ${partyId}: ${input.stale.join(', ')} left out, made from an earlier partition (rerun pack-pdf)`);
      const dataKey = await readSealKey(options.secrets, ws.month, party);
      const areaDir = join(tmp, 'u', party.slug);
      await mkdir(join(areaDir, 'data'), { recursive: true });
      const context = { partySlug: party.slug, month: ws.month };
      const withNotes = withPartyInsights(input.manifestBytes, notes);
      const sources = [
        { name: PARTY_MANIFEST_FILE, bytes: withNotes.manifestBytes },
        ...input.files,
        ...(withNotes.file ? [withNotes.file] : []),
      ];
      const files = await Promise.all(
        sources.map(async (source) => {
          const sealed = await sealFile(source.bytes, dataKey, { ...context, fileName: source.name });
          const name = `data/${sealedName(source.name)}`;
          await writeFile(join(areaDir, name), sealed);
          return { name, sha256: sha256(sealed) };
        }),
      );
      await writeFile(join(areaDir, 'keyring.json'), await buildKeyring(context, dataKey, toKeyringRecipients(party)));
      manifest.parties.push({ partyId, slug: party.slug, keyring: 'keyring.json', files });
      progress.tick(index + 1);
    }
    await writeFile(join(tmp, SEAL_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  });
  progress.end(`${partyIds.length} parties`);
  return manifest;
}
