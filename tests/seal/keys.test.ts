import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataKeyHistory } from '../../src/pipeline/seal/dataKeys.ts';
import {
  addRecipient,
  findParty,
  readRegistry,
  revokeRecipient,
  rotateRecipient,
  selectRecipient,
  writeRegistry,
  type PartyEntry,
} from '../../src/pipeline/seal/registry.ts';
import { rewrapKeyrings } from '../../src/pipeline/seal/rewrap.ts';
import { runSeal } from '../../src/pipeline/seal/sealStage.ts';
import { SealError, openSealed, parseCredential, unwrapDataKey } from '../../src/shared/seal/index.ts';
import { writeSyntheticPartition } from './syntheticPartition.ts';

const [M1, M2] = ['2025-03', '2025-04'] as const;
let root: string;
let secrets: string;
const printed: string[] = [];
const work = (): string => join(root, 'work');
/** Where a copy of M1 as first sealed stands in for a built month that is not rebuilt. */
const built = (): string => join(root, 'dist');

const seal = (month: string) =>
  runSeal({ work: work(), out: built(), month }, { secrets, bootstrap: true, print: (line) => printed.push(line) });
const party = async (id: string): Promise<PartyEntry> => findParty(await readRegistry(secrets), id)!;
const sealArea = (month: string, slug: string): string => join(work(), month, 'seal', 'u', slug);
const bootstrapKey = (partyId: string): string =>
  printed
    .find((l) => l.includes(`${partyId}\t`))!
    .split('access key ')[1]!
    .split('\t')[0]!;

async function unwrap(area: string, month: string, slug: string, accessKey: string): Promise<CryptoKey> {
  return unwrapDataKey(await readFile(join(area, 'keyring.json')), parseCredential(accessKey), { partySlug: slug, month });
}

async function kindOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof SealError ? error.kind : `not a SealError: ${String(error)}`;
}

/** How many of the area's sealed files `key` opens, out of how many. */
async function countOpened(area: string, month: string, slug: string, key: CryptoKey): Promise<{ opened: number; of: number }> {
  const files = (await readdir(join(area, 'data'))).filter((f) => f.endsWith('.sealed'));
  let opened = 0;
  for (const file of files) {
    const context = { partySlug: slug, month, fileName: file.replace(/\.sealed$/, '') };
    if (
      await openSealed(await readFile(join(area, 'data', file)), key, context).then(
        () => true,
        () => false,
      )
    )
      opened += 1;
  }
  return { opened, of: files.length };
}

const state = {} as {
  alpha: PartyEntry;
  bravo: PartyEntry;
  alphaWithdrawn: string;
  alphaRemaining: string;
  bravoOld: string;
  bravoNew: string;
  alphaOldKey: CryptoKey;
  bravoOldKey: CryptoKey;
  keysAfterAdd: number;
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-keys-'));
  secrets = join(root, 'secrets');
  for (const month of [M1, M2]) await writeSyntheticPartition(work(), month);
  await seal(M1);
  const registry = await readRegistry(secrets);
  state.alphaRemaining = (await addRecipient(registry, 'ALPHA1', 'second reader')).accessKey;
  await writeRegistry(secrets, registry);
  await seal(M1);
  state.keysAfterAdd = (await readDataKeyHistory(secrets, M1, 'ALPHA1')).length;
  state.alpha = await party('ALPHA1');
  state.bravo = await party('BRAVO2');
  state.alphaWithdrawn = bootstrapKey('ALPHA1');
  state.bravoOld = bootstrapKey('BRAVO2');
  // What a recipient keeps before losing access: the keyring (and the data key it opens).
  state.alphaOldKey = await unwrap(sealArea(M1, state.alpha.slug), M1, state.alpha.slug, state.alphaWithdrawn);
  state.bravoOldKey = await unwrap(sealArea(M1, state.bravo.slug), M1, state.bravo.slug, state.bravoOld);
  await cp(join(work(), M1, 'seal', 'u'), join(built(), M1, 'u'), { recursive: true });

  const changed = await readRegistry(secrets);
  const alpha = findParty(changed, 'ALPHA1')!;
  const bravo = findParty(changed, 'BRAVO2')!;
  revokeRecipient(alpha, selectRecipient(changed, 'ALPHA1', { recipientId: parseCredential(state.alphaWithdrawn).recipientId }));
  state.bravoNew = (await rotateRecipient(bravo, selectRecipient(changed, 'BRAVO2', { name: 'bootstrap' }))).accessKey;
  await writeRegistry(secrets, changed);
  await seal(M1);
  await seal(M2);
});

describe('data keys after a revocation or rotation', () => {
  it('adding a recipient keeps the data key; revoke and rotate make the next seal use a new one', async () => {
    expect(state.keysAfterAdd).toBe(1);
    expect(await readDataKeyHistory(secrets, M1, 'ALPHA1')).toHaveLength(2);
    expect(await readDataKeyHistory(secrets, M1, 'BRAVO2')).toHaveLength(2);
    await seal(M1);
    expect(await readDataKeyHistory(secrets, M1, 'ALPHA1')).toHaveLength(2);
  });

  for (const month of [M1, M2]) {
    it(`revoked: the old keyring and withdrawn token open none of the files sealed since (${month})`, async () => {
      const { slug } = state.alpha;
      const area = sealArea(month, slug);
      expect(await countOpened(area, month, slug, state.alphaOldKey)).toMatchObject({ opened: 0 });
      expect(await kindOf(unwrap(area, month, slug, state.alphaWithdrawn))).toBe('no-entry');
      const remaining = await countOpened(area, month, slug, await unwrap(area, month, slug, state.alphaRemaining));
      expect(remaining.of).toBeGreaterThan(0);
      expect(remaining.opened).toBe(remaining.of);
    });

    it(`rotated: the old keyring and old token open none of the files sealed since (${month})`, async () => {
      const { slug } = state.bravo;
      const area = sealArea(month, slug);
      expect(await countOpened(area, month, slug, state.bravoOldKey)).toMatchObject({ opened: 0 });
      expect(await kindOf(unwrap(area, month, slug, state.bravoOld))).toBe('wrong-key');
      const fresh = await countOpened(area, month, slug, await unwrap(area, month, slug, state.bravoNew));
      expect(fresh.of).toBeGreaterThan(0);
      expect(fresh.opened).toBe(fresh.of);
    });
  }

  it('a built month that is not sealed again keeps its files; its keyring is re-wrapped around the old key', async () => {
    const { slug } = state.alpha;
    const area = join(built(), M1, 'u', slug);
    const before = await readFile(join(area, 'data', 'srv-monthly.arrow.sealed'));
    const result = await rewrapKeyrings(built(), secrets);
    expect(result.rewritten).toHaveLength(2);
    expect((await readFile(join(area, 'data', 'srv-monthly.arrow.sealed'))).equals(before)).toBe(true);
    expect(await kindOf(unwrap(area, M1, slug, state.alphaWithdrawn))).toBe('no-entry');
    const remaining = await countOpened(area, M1, slug, await unwrap(area, M1, slug, state.alphaRemaining));
    expect(remaining.opened).toBe(remaining.of);
    // What stays open to a kept copy: the files the recipient could already open before.
    expect(await countOpened(area, M1, slug, state.alphaOldKey)).toEqual(remaining);
    const bravoArea = join(built(), M1, 'u', state.bravo.slug);
    const rotated = await countOpened(bravoArea, M1, state.bravo.slug, await unwrap(bravoArea, M1, state.bravo.slug, state.bravoNew));
    expect(rotated.opened).toBe(rotated.of);
  });
});
