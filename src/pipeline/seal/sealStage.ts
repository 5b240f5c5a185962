import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256, sha256File } from '../../lib/digest.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { startProgress } from '../../lib/progress.ts';
import { buildKeyring } from '../../shared/seal/index.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { PARTY_MANIFEST_FILE, SEAL_MANIFEST_FILE } from '../../shared/partitionManifest.ts';
import { checkListedDigest, readPackedDownloads, readPartitionParties, readPartyInput, type PartyInput } from './partitionInput.ts';
import { readPrivateNotes, withPartyInsights } from './partyInsights.ts';
import { readSealKeys } from './dataKeys.ts';
import { mapConcurrent, toPartyConcurrency } from '../../lib/concurrency.ts';
import { activeRecipients, addRecipient, ensureParty, readRegistry, toKeyringRecipients, writeRegistry } from './registry.ts';
import { readSealedFrom, reuseSealed, SEALED_FROM_FILE, toKeyFingerprint, toSealedKey, type SealedFrom } from './sealReuse.ts';
import { linksPath } from './secretsDir.ts';
import { writeSealedFile, type SealSource } from './sealStream.ts';
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
  await writeSignInLinks(options.secrets, registry, links, { month: ws.month, partyIds });
  if (links.length) {
    print(`new recipients (shown once, also in ${linksPath(options.secrets)}): open the address, paste the access key`);
    for (const line of shown) print(line);
  }
  const progress = startProgress(`seal ${ws.month}`, partyIds.length);
  const parties = partyIds.map((partyId) => ensureParty(registry, partyId));
  for (const party of parties.filter((p) => activeRecipients(p).length === 0))
    print(`warning: party ${party.partyId} has no recipient; nobody can open its report`);
  const keys = await readSealKeys(options.secrets, ws.month, parties);
  const notes = await readPrivateNotes(ws);
  const earlier = { dir: sealDir(ws), record: await readSealedFrom(sealDir(ws)) };
  const record: SealedFrom = {};
  let done = 0;
  const manifest = await writeDirAtomic(sealDir(ws), async (tmp): Promise<SealManifest> => {
    // parties side by side: compression runs on the thread pool, reads, encryption and writes overlap it
    const sealed = await mapConcurrent(parties, toPartyConcurrency(), async (party) => {
      const packs = [csv.get(party.partyId), pdf.get(party.partyId)].filter((p) => p !== undefined);
      const input = await readPartyInput(partitionDir, party.partyId, ws.month, packs);
      const entry = await sealParty(input, party.slug, keys.get(party.partyId) as Uint8Array, toKeyringRecipients(party), {
        dir: tmp,
        month: ws.month,
        notes,
        earlier,
        record,
      });
      progress.tick(++done);
      return { entry, stale: input.stale };
    });
    sealed.forEach(({ stale }, index) => {
      if (stale.length) print(`warning: ${partyIds[index]}: ${stale.join(', ')} left out, made from an earlier partition (rerun pack-pdf)`);
    });
    const manifest: SealManifest = { month: ws.month, parties: sealed.map((s) => s.entry) };
    await writeFile(join(tmp, SEAL_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeFile(join(tmp, SEALED_FROM_FILE), `${JSON.stringify(sorted)}\n`);
    return manifest;
  });
  progress.end(`${partyIds.length} parties`);
  return manifest;
}

interface SealPartyContext {
  dir: string;
  month: string;
  notes: Awaited<ReturnType<typeof readPrivateNotes>>;
  /** The seal before this one, whose files are kept where their plaintext and key are unchanged. */
  earlier: { dir: string; record: SealedFrom };
  /** Filled with what each file of this seal was sealed from. */
  record: SealedFrom;
}

/** One party's sealed area `u/<slug>/` under `ctx.dir`: its files sealed under its data key, and its keyring. */
async function sealParty(
  input: PartyInput,
  slug: string,
  dataKey: Uint8Array,
  recipients: ReturnType<typeof toKeyringRecipients>,
  ctx: SealPartyContext,
): Promise<SealManifest['parties'][number]> {
  const areaDir = join(ctx.dir, 'u', slug);
  await mkdir(join(areaDir, 'data'), { recursive: true });
  const context = { partySlug: slug, month: ctx.month };
  const withNotes = withPartyInsights(input.manifestBytes, ctx.notes);
  const own = (file: { name: string; bytes: Uint8Array }): PartySource => ({
    name: file.name,
    source: { bytes: file.bytes },
    check: (d) => d,
  });
  const sources: PartySource[] = [
    own({ name: PARTY_MANIFEST_FILE, bytes: withNotes.manifestBytes }),
    ...input.files.map((file) => ({ name: file.name, source: { path: file.path }, check: (d: string) => checkListedDigest(file, d) })),
    ...(withNotes.file ? [own(withNotes.file)] : []),
  ];
  const key = toKeyFingerprint(dataKey);
  // every file at once (fewer lost the overlap of many small files: 32.5 s against 26.5 s at large with 4), and a
  // failure waits for the others to end before the stage removes their folder
  const area = { areaDir, slug, month: ctx.month, dataKey, key };
  const files = await mapConcurrent(sources, sources.length, (source) => sealSource(source, area, ctx));
  await writeFile(join(areaDir, 'keyring.json'), await buildKeyring(context, dataKey, recipients));
  return { partyId: input.partyId, slug, keyring: 'keyring.json', files };
}

/** A file of a party's area: its bytes or path, and the check of its plaintext digest (against the manifest's). */
interface PartySource {
  name: string;
  source: SealSource;
  check: (plainSha256: string) => string;
}

interface PartyArea {
  areaDir: string;
  slug: string;
  month: string;
  dataKey: Uint8Array;
  /** Fingerprint of the data key. */
  key: string;
}

const digestSource = async (source: SealSource): Promise<string> => ('path' in source ? sha256File(source.path) : sha256(source.bytes));

/** Seal one file, or keep the earlier seal's when sealed from the same plaintext under the same key. */
async function sealSource(file: PartySource, area: PartyArea, ctx: SealPartyContext): Promise<{ name: string; sha256: string }> {
  const name = `data/${sealedName(file.name)}`;
  const target = join(area.areaDir, name);
  const recordKey = toSealedKey(area.slug, name);
  // The plaintext is read ahead only when an earlier sealed file may be kept; otherwise it is digested as it is sealed.
  if (ctx.earlier.record[recordKey]?.key === area.key) {
    const from = { key: area.key, plain: file.check(await digestSource(file.source)) };
    const kept = await reuseSealed(ctx.earlier, recordKey, from, target);
    if (kept !== undefined) {
      ctx.record[recordKey] = { ...from, sealed: kept };
      return { name, sha256: kept };
    }
  }
  const sealed = await writeSealedFile(file.source, area.dataKey, { partySlug: area.slug, month: area.month, fileName: file.name }, target);
  ctx.record[recordKey] = { key: area.key, plain: file.check(sealed.plain), sealed: sealed.sealed };
  return { name, sha256: sealed.sealed };
}
