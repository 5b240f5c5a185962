import { createPublicKey } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256, sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { buildKeyring, isSealError, parseKeyring, toBase64Url } from '../../shared/seal/index.ts';
import { findSealingKey, readDataKeyHistory } from '../../pipeline/seal/dataKeys.ts';
import { findPartyBySlug, readRegistry, toKeyringRecipients, type Registry } from '../../pipeline/seal/registry.ts';
import { PROBE_FILE } from '../../pipeline/seal/rewrap.ts';
import { signingKeyPath } from '../../pipeline/seal/secretsDir.ts';
import { readSignedManifest, toManifestPath, toTarPath, writeArchiveManifest, type ArchiveManifest } from './manifest.ts';
import { readSigningKey } from './signing.ts';
import { readTarEntries, readTarEntry, writeTar, type TarEntry, type TarSource } from './tar.ts';

const KEYRING_PATH = /^u\/([a-z2-7]{16})\/keyring\.json$/;

export interface ArchiveRewrapResult {
  month: string;
  rewritten: string[];
  unchanged: string[];
}

async function readEntryBytes(tarPath: string, entry: TarEntry): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readTarEntry(tarPath, entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const recipientKey = (entries: { recipient: string; check: Uint8Array }[]): string =>
  entries
    .map((e) => `${e.recipient}:${toBase64Url(e.check)}`)
    .sort()
    .join(',');

/** The keyring for the registry's current recipients, or undefined when it already matches. */
async function toRewrapped(
  bytes: Uint8Array,
  probe: Uint8Array | undefined,
  { month, slug, registry, secrets, where }: { month: string; slug: string; registry: Registry; secrets: string; where: string },
): Promise<Uint8Array | undefined> {
  let keyring;
  try {
    keyring = parseKeyring(bytes);
  } catch (error) {
    if (isSealError(error)) throw new CarsError('unreadable keyring', error.message, where);
    throw error;
  }
  if (keyring.month !== month || keyring.slug !== slug) throw new CarsError('keyring does not match its folder', where);
  const party = findPartyBySlug(registry, slug);
  if (!party) throw new CarsError('keyring of a party unknown to the registry', slug, where);
  const recipients = toKeyringRecipients(party);
  if (recipientKey(keyring.entries) === recipientKey(recipients.map((r) => ({ recipient: r.recipientId, check: r.check }))))
    return undefined;
  const dataKey = await findSealingKey(
    await readDataKeyHistory(secrets, month, party.partyId),
    probe && { bytes: probe, context: { partySlug: slug, month, fileName: PROBE_FILE } },
    where,
  );
  return buildKeyring({ partySlug: slug, month }, dataKey, recipients);
}

/**
 * Re-wrap an archived month's keyrings for the registry's current recipients, around the data key the
 * archived files were sealed with. Only `u/<slug>/keyring.json` entries change; the manifest records old
 * and new digests and is signed again. Refuses an archive whose manifest or tar does not check out.
 */
export async function rewrapArchive(archiveDir: string, month: string, secrets: string, now = new Date()): Promise<ArchiveRewrapResult> {
  const dir = resolve(archiveDir);
  const manifestPath = toManifestPath(dir, month);
  const key = await readSigningKey(secrets, false);
  const manifest: ArchiveManifest = await readSignedManifest(manifestPath, createPublicKey(key.privateKey), signingKeyPath(secrets));
  const tarPath = toTarPath(dir, month);
  if ((await sha256File(tarPath)) !== manifest.archive.sha256)
    throw new CarsError('archive does not match its manifest (run cars verify); not re-wrapping', tarPath);
  const registry = await readRegistry(secrets);
  const entries = await readTarEntries(tarPath);
  const replaced = new Map<string, Uint8Array>();
  const result: ArchiveRewrapResult = { month, rewritten: [], unchanged: [] };
  const byPath = new Map(entries.map((e) => [e.path, e]));
  for (const entry of entries) {
    const rel = entry.path.slice(month.length + 1);
    const match = KEYRING_PATH.exec(rel);
    if (!entry.path.startsWith(`${month}/`) || !match) continue;
    const slug = match[1] as string;
    const probe = byPath.get(`${month}/u/${slug}/data/${PROBE_FILE}.sealed`);
    const fresh = await toRewrapped(await readEntryBytes(tarPath, entry), probe && (await readEntryBytes(tarPath, probe)), {
      month,
      slug,
      registry,
      secrets,
      where: `${tarPath}:${entry.path}`,
    });
    if (fresh) replaced.set(rel, fresh);
    (fresh ? result.rewritten : result.unchanged).push(rel);
  }
  if (replaced.size === 0) return result;
  const sources: TarSource[] = entries.map((entry) => {
    const fresh = replaced.get(entry.path.slice(month.length + 1));
    if (!fresh) return { path: entry.path, size: entry.size, read: () => readTarEntry(tarPath, entry) };
    return {
      path: entry.path,
      size: fresh.length,
      read: async function* () {
        yield fresh;
      },
    };
  });
  const tmp = join(dir, `.${month}.tar.tmp-${process.pid}`);
  try {
    await writeTar(tmp, sources);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const record = { at: now.toISOString(), files: [] as { path: string; before: string; after: string }[] };
  const files = manifest.files.map((f) => {
    const fresh = replaced.get(f.path);
    if (!fresh) return f;
    const after = sha256(fresh);
    record.files.push({ path: f.path, before: f.sha256, after });
    return { path: f.path, bytes: fresh.length, sha256: after };
  });
  const updated: ArchiveManifest = {
    ...manifest,
    archive: { ...manifest.archive, bytes: (await stat(tmp)).size, sha256: await sha256File(tmp) },
    files,
    rewraps: [...manifest.rewraps, record],
  };
  await rename(tmp, tarPath);
  await writeArchiveManifest(manifestPath, updated, key);
  return result;
}

/** Months archived in `archiveDir` (from their manifests). */
export async function listArchivedMonths(archiveDir: string): Promise<string[]> {
  const names = await readdir(resolve(archiveDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .map((n) => /^(\d{4}-\d{2})\.manifest\.json$/.exec(n)?.[1])
    .filter((m): m is string => Boolean(m))
    .sort();
}
