import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { MONTH_PATTERN } from '../../lib/month.ts';
import { buildKeyring, isSealError, parseKeyring, toBase64Url } from '../../shared/seal/index.ts';
import { findSealingKey, readDataKeyHistory } from './dataKeys.ts';
import { findPartyBySlug, readRegistry, toKeyringRecipients } from './registry.ts';

/** The sealed file whose key tells which data key an area uses. */
export const PROBE_FILE = 'manifest.json';

export interface RewrapResult {
  rewritten: string[];
  unchanged: string[];
}

const listDirs = async (dir: string): Promise<string[]> =>
  (
    await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    })
  )
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

/** Every `<root>/<month>/u/<slug>/keyring.json` (output) and `<root>/<month>/seal/u/<slug>/keyring.json` (work). */
export async function findKeyrings(root: string): Promise<{ path: string; month: string; slug: string }[]> {
  const found: { path: string; month: string; slug: string }[] = [];
  for (const month of (await listDirs(root)).filter((m) => MONTH_PATTERN.test(m)).sort()) {
    for (const area of [join(root, month, 'u'), join(root, month, 'seal', 'u')]) {
      for (const slug of (await listDirs(area)).sort()) {
        const path = join(area, slug, 'keyring.json');
        if (
          await readFile(path).then(
            () => true,
            () => false,
          )
        )
          found.push({ path, month, slug });
      }
    }
  }
  return found;
}

const recipientSet = (entries: { recipient: string; check: Uint8Array }[]): string =>
  entries
    .map((e) => `${e.recipient}:${toBase64Url(e.check)}`)
    .sort()
    .join(',');

/**
 * Re-wrap every built month's keyrings for the registry's current recipients (revoked ones
 * dropped, rotated ones re-keyed), around the data key the area's files were sealed with.
 * Sealed data files are not touched.
 */
export async function rewrapKeyrings(roots: string | string[], secrets: string): Promise<RewrapResult> {
  const registry = await readRegistry(secrets);
  const result: RewrapResult = { rewritten: [], unchanged: [] };
  for (const root of [roots].flat()) {
    for (const { path, month, slug } of await findKeyrings(root)) {
      let keyring;
      try {
        keyring = parseKeyring(await readFile(path));
      } catch (error) {
        if (isSealError(error)) throw new CarsError('unreadable keyring', error.message, path);
        throw error;
      }
      if (keyring.month !== month || keyring.slug !== slug) throw new CarsError('keyring does not match its folder', path);
      const party = findPartyBySlug(registry, keyring.slug);
      if (!party) throw new CarsError('keyring of a party unknown to the registry', keyring.slug, path);
      const recipients = toKeyringRecipients(party);
      if (recipientSet(keyring.entries) === recipientSet(recipients.map((r) => ({ recipient: r.recipientId, check: r.check })))) {
        result.unchanged.push(path);
        continue;
      }
      const probe = await readFile(join(dirname(path), 'data', `${PROBE_FILE}.sealed`)).catch(() => undefined);
      const dataKey = await findSealingKey(
        await readDataKeyHistory(secrets, month, party.partyId),
        probe && { bytes: probe, context: { partySlug: slug, month, fileName: PROBE_FILE } },
        path,
      );
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, await buildKeyring({ partySlug: keyring.slug, month: keyring.month }, dataKey, recipients));
      await rename(tmp, path);
      result.rewritten.push(path);
    }
  }
  return result;
}
