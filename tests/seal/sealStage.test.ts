import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import {
  readRegistry,
  addRecipient,
  writeRegistry,
  selectRecipient,
  revokeRecipient,
  rotateRecipient,
} from '../../src/pipeline/seal/registry.ts';
import { rewrapKeyrings } from '../../src/pipeline/seal/rewrap.ts';
import { runSeal, type SealManifest } from '../../src/pipeline/seal/sealStage.ts';
import { SealError, openSealed, parseCredential, unwrapDataKey } from '../../src/shared/seal/index.ts';
import { SAMPLE_PARTIES, writeSyntheticPartition } from './syntheticPartition.ts';

const MONTHS = ['2025-01', '2025-02'];
let root: string;
let secrets: string;
const printed: string[] = [];
const manifests: Record<string, SealManifest> = {};

const keyFor = (party: string): string => {
  const line = printed.find((l) => l.includes(party) && l.includes('access key '));
  if (!line) throw new Error(`no access key printed for ${party}`);
  return line.split('access key ')[1]!.split('\t')[0]!;
};

async function openAll(base: string, month: string, slug: string, accessKey: string): Promise<Map<string, Uint8Array>> {
  const area = join(base, month, 'seal', 'u', slug);
  const key = await unwrapDataKey(await readFile(join(area, 'keyring.json')), parseCredential(accessKey), { partySlug: slug, month });
  const out = new Map<string, Uint8Array>();
  for (const file of await readdir(join(area, 'data'))) {
    const fileName = file.replace(/\.sealed$/, '');
    out.set(fileName, await openSealed(await readFile(join(area, 'data', file)), key, { partySlug: slug, month, fileName }));
  }
  return out;
}

async function kindOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof SealError ? error.kind : `not a SealError: ${String(error)}`;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-seal-'));
  secrets = join(root, 'secrets');
  for (const month of MONTHS) {
    await writeSyntheticPartition(join(root, 'work'), month);
    manifests[month] = await runSeal(
      { work: join(root, 'work'), out: join(root, 'dist'), month },
      { secrets, bootstrap: true, print: (l) => printed.push(l) },
    );
  }
});

describe('seal stage', () => {
  it('bootstraps one recipient per party once, with private secrets', async () => {
    expect(printed.filter((l) => l.includes('access key ')).length).toBe(SAMPLE_PARTIES.length);
    // the key is never printed inside an address: an opened address stays in the browser's history
    expect(printed.filter((l) => l.includes('#k='))).toEqual([]);
    expect((await stat(secrets)).mode & 0o777).toBe(0o700);
    for (const file of ['registry.json', 'sign-in-links.txt', join('data-keys', '2025-01.json')]) {
      expect((await stat(join(secrets, file))).mode & 0o777).toBe(0o600);
    }
    const registry = await readFile(join(secrets, 'registry.json'), 'utf8');
    for (const p of SAMPLE_PARTIES) expect(registry).not.toContain(keyFor(p.partyId).split('.')[1]);
  });

  it('keeps slugs random and stable across months', () => {
    const slugs = MONTHS.map((m) => manifests[m]!.parties.map((p) => p.slug).join());
    expect(slugs[0]).toBe(slugs[1]);
    for (const p of manifests['2025-01']!.parties) {
      expect(p.slug).toMatch(/^[a-z2-7]{16}$/);
      expect(p.slug).not.toContain(p.partyId.toLowerCase());
    }
  });

  it('round-trips every listed dataset and the manifest for every party and month', async () => {
    for (const month of MONTHS) {
      for (const party of manifests[month]!.parties) {
        const opened = await openAll(join(root, 'work'), month, party.slug, keyFor(party.partyId));
        const source = join(root, 'work', month, 'partition', party.partyId);
        expect([...opened.keys()].sort()).toEqual(['devices.arrow', 'manifest.json', 'srv-monthly.arrow']);
        for (const [name, bytes] of opened) expect(Buffer.from(bytes).equals(await readFile(join(source, name)))).toBe(true);
        expect(party.files.map((f) => f.name).sort()).toEqual([...opened.keys()].map((n) => `data/${n}.sealed`).sort());
      }
    }
  });

  it('a file copied to another party or month folder is a wrong-context error', async () => {
    const [a, b] = manifests['2025-01']!.parties as [SealManifest['parties'][number], SealManifest['parties'][number]];
    const bKey = await unwrapDataKey(
      await readFile(join(root, 'work', '2025-01', 'seal', 'u', b.slug, 'keyring.json')),
      parseCredential(keyFor(b.partyId)),
      { partySlug: b.slug, month: '2025-01' },
    );
    const aFile = await readFile(join(root, 'work', '2025-01', 'seal', 'u', a.slug, 'data', 'srv-monthly.arrow.sealed'));
    expect(await kindOf(openSealed(aFile, bKey, { partySlug: b.slug, month: '2025-01', fileName: 'srv-monthly.arrow' }))).toBe(
      'wrong-context',
    );
    const febKeyring = await readFile(join(root, 'work', '2025-02', 'seal', 'u', a.slug, 'keyring.json'));
    expect(await kindOf(unwrapDataKey(febKeyring, parseCredential(keyFor(a.partyId)), { partySlug: a.slug, month: '2025-01' }))).toBe(
      'wrong-context',
    );
  });

  it('sealing again keeps each file whose plaintext is unchanged and seals a changed one anew', async () => {
    const work = join(root, 'work-again');
    const seal = () => runSeal({ work, out: join(root, 'dist'), month: '2025-01' }, { secrets, bootstrap: false, print: () => {} });
    const readArea = async (manifest: SealManifest) => {
      const files = new Map<string, Buffer>();
      for (const party of manifest.parties)
        for (const file of party.files)
          files.set(`${party.partyId}/${file.name}`, await readFile(join(work, '2025-01', 'seal', 'u', party.slug, file.name)));
      return files;
    };
    await writeSyntheticPartition(work, '2025-01');
    const before = await readArea(await seal());
    const moved = SAMPLE_PARTIES.map((p) => (p.partyId === 'ALPHA1' ? { ...p, deviceIds: ['AA-11-22-33-44-55-66-99'] } : p));
    await writeSyntheticPartition(work, '2025-01', moved);
    const manifest = await seal();
    const after = await readArea(manifest);
    const resealed = ['ALPHA1/data/devices.arrow.sealed', 'ALPHA1/data/manifest.json.sealed'];
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of after) expect(bytes.equals(before.get(name) as Buffer), name).toBe(!resealed.includes(name));
    const alpha = manifest.parties.find((p) => p.partyId === 'ALPHA1') as SealManifest['parties'][number];
    const opened = await openAll(work, '2025-01', alpha.slug, keyFor('ALPHA1'));
    expect(new TextDecoder().decode(opened.get('devices.arrow'))).toContain('AA-11-22-33-44-55-66-99');
    // what the files were sealed from stays in the work folder, outside the areas the site publishes
    expect((await readdir(join(work, '2025-01', 'seal'))).sort()).toEqual(['seal-manifest.json', 'sealed-from.json', 'u']);
  });

  it('refuses a dataset that does not match its manifest digest', async () => {
    const work = join(root, 'work-bad');
    await writeSyntheticPartition(work, '2025-01');
    const seal = () => runSeal({ work, out: join(root, 'dist'), month: '2025-01' }, { secrets, bootstrap: true, print: () => {} });
    const mismatch = /^file does not match its manifest digest: devices\.arrow/;
    const alpha = join(work, '2025-01', 'partition', 'ALPHA1');
    // sealed once as written; then only the manifest's digest changes, so the earlier sealed file could be kept
    await seal();
    const manifestText = await readFile(join(alpha, 'manifest.json'), 'utf8');
    const listed = (JSON.parse(manifestText) as { datasets: { file: string; sha256: string }[] }).datasets.find(
      (d) => d.file === 'devices.arrow',
    );
    await writeFile(join(alpha, 'manifest.json'), manifestText.replace(listed!.sha256, '0'.repeat(64)));
    await expect(seal()).rejects.toThrow(mismatch);
    // then the file instead, sealed again from nothing
    await writeFile(join(alpha, 'manifest.json'), manifestText);
    await writeFile(join(alpha, 'devices.arrow'), 'tampered');
    await rm(join(work, '2025-01', 'seal'), { recursive: true });
    await expect(seal()).rejects.toThrow(CarsError);
    await expect(seal()).rejects.toThrow(mismatch);
    // a failed seal leaves no sealed folder and no temporary one behind
    expect((await readdir(join(work, '2025-01'))).sort()).toEqual(['partition']);
  });
});

describe('revocation and rotation', () => {
  it('revoked and rotated tokens fail on every month after the re-wrap; data files stay byte-identical', async () => {
    const out = join(root, 'dist');
    for (const month of MONTHS) await cp(join(root, 'work', month, 'seal', 'u'), join(out, month, 'u'), { recursive: true });
    const registry = await readRegistry(secrets);
    const [alpha, bravo] = SAMPLE_PARTIES as [(typeof SAMPLE_PARTIES)[number], (typeof SAMPLE_PARTIES)[number]];
    const alphaOld = keyFor(alpha.partyId);
    const bravoOld = keyFor(bravo.partyId);
    const alphaSecond = await addRecipient(registry, alpha.partyId, 'second reader');
    const partyOf = (id: string) => registry.parties.find((p) => p.partyId === id)!;
    revokeRecipient(
      partyOf(alpha.partyId),
      selectRecipient(registry, alpha.partyId, { recipientId: parseCredential(alphaOld).recipientId }),
    );
    const bravoNew = await rotateRecipient(partyOf(bravo.partyId), selectRecipient(registry, bravo.partyId, { name: 'bootstrap' }));
    await writeRegistry(secrets, registry);

    const dataBefore = await readDataFiles(out);
    const result = await rewrapKeyrings([join(root, 'work'), out], secrets);
    expect(result.rewritten.length).toBe(MONTHS.length * 2 * 2);
    expect(await readDataFiles(out)).toEqual(dataBefore);

    for (const base of [join(root, 'work'), out]) {
      for (const month of MONTHS) {
        const sealRoot = base === out ? join(out, month, 'u') : join(base, month, 'seal', 'u');
        const slugOf = (id: string) => registry.parties.find((p) => p.partyId === id)!.slug;
        const unwrap = (id: string, key: string) =>
          readFile(join(sealRoot, slugOf(id), 'keyring.json')).then((k) =>
            unwrapDataKey(k, parseCredential(key), { partySlug: slugOf(id), month }),
          );
        expect(await kindOf(unwrap(alpha.partyId, alphaOld))).toBe('no-entry');
        expect(await kindOf(unwrap(bravo.partyId, bravoOld))).toBe('wrong-key');
        await expect(unwrap(alpha.partyId, alphaSecond.accessKey)).resolves.toBeDefined();
        await expect(unwrap(bravo.partyId, bravoNew.accessKey)).resolves.toBeDefined();
      }
    }
    expect((await rewrapKeyrings([join(root, 'work'), out], secrets)).rewritten).toEqual([]);
  });
});

async function readDataFiles(out: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.sealed')) {
      const path = join(entry.parentPath, entry.name);
      files[path] = (await readFile(path)).toString('base64');
    }
  }
  return files;
}
