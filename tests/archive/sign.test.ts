import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/lib/digest.ts';
import {
  ARCHIVE_KEY_FILE,
  PUBLISHED_KEY_FILE,
  readArchiveManifest,
  readSigningKey,
  readTarEntries,
  rewrapArchive,
  runArchive,
  runVerify,
  toManifestPath,
  toSignaturePath,
  toTarHeader,
  toTarPath,
  type ArchiveManifest,
} from '../../src/tools/archive/index.ts';
import { writeArchiveManifest } from '../../src/tools/archive/manifest.ts';
import { toKeyId, type SigningKey } from '../../src/tools/archive/signing.ts';
import { readRegistry, revokeRecipient, writeRegistry } from '../../src/pipeline/seal/registry.ts';
import { MONTH, writeBuiltMonth } from './fixture.ts';

const run = promisify(execFile);
let fx: Awaited<ReturnType<typeof writeBuiltMonth>>;
const tar = (): string => toTarPath(fx.archiveDir, MONTH);
const manifestPath = (): string => toManifestPath(fx.archiveDir, MONTH);
const publishedKey = (): string => join(fx.ws.out, PUBLISHED_KEY_FILE);

/** A ustar header for any name and type, which the writer itself refuses to make. */
function rawHeader(name: string, size: number, type = '0'): Buffer {
  const header = toTarHeader('x', size);
  header.fill(0, 0, 100);
  header.write(name, 0, 100, 'utf8');
  header.write(type, 156, 'ascii');
  header.fill(0x20, 148, 156);
  const sum = header.reduce((acc, b) => acc + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** The archive's tar with one more entry appended before the end marker. */
async function appendEntry(header: Buffer, data: Buffer): Promise<void> {
  const whole = await readFile(tar());
  const last = (await readTarEntries(tar())).at(-1)!;
  const end = last.offset + Math.ceil(last.size / 512) * 512;
  const pad = Buffer.alloc((512 - (data.length % 512)) % 512);
  await writeFile(tar(), Buffer.concat([whole.subarray(0, end), header, data, pad, Buffer.alloc(1024)]));
}

/** What an attacker who can write the archive folder does: manifest digests made to match the tar again. */
async function recomputeManifest(edit: (m: ArchiveManifest) => ArchiveManifest = (m) => m): Promise<ArchiveManifest> {
  const manifest = edit(await readArchiveManifest(manifestPath()));
  const bytes = await readFile(tar());
  return { ...manifest, archive: { ...manifest.archive, bytes: bytes.length, sha256: sha256(bytes) } };
}

/** Replace the manifest and its signature, signed with `key`. */
const resign = async (manifest: ArchiveManifest, key: SigningKey): Promise<ArchiveManifest> =>
  writeArchiveManifest(manifestPath(), manifest, key);

function attackerKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: toKeyId(publicKey) };
}

/** Rewrite guidance/index.html inside the tar, keeping its length, so only digests tell. */
async function rewriteGuidance(): Promise<string> {
  const entry = (await readTarEntries(tar())).find((e) => e.path === `${MONTH}/guidance/index.html`)!;
  const whole = await readFile(tar());
  const forged = Buffer.from('<!doctype html><title>Forgery!</title>\n');
  expect(forged.length).toBe(entry.size);
  forged.copy(whole, entry.offset);
  await writeFile(tar(), whole);
  return sha256(forged);
}

beforeEach(async () => {
  fx = await writeBuiltMonth();
  await runArchive(fx.ws, { archiveDir: fx.archiveDir, secrets: fx.secrets, now: new Date('2025-11-03T09:00:00Z') });
});

describe('signed archive manifests', () => {
  it('signs with a key made once in the secrets folder and publishes the public key beside the archive and the site', async () => {
    const key = await readSigningKey(fx.secrets, false);
    expect((await stat(join(fx.secrets, 'archive-signing-key.pem'))).mode & 0o777).toBe(0o600);
    expect(await readFile(publishedKey(), 'utf8')).toBe(key.publicPem);
    expect(await readFile(join(fx.archiveDir, ARCHIVE_KEY_FILE), 'utf8')).toBe(key.publicPem);
    expect((await readArchiveManifest(manifestPath())).signedBy).toEqual({ algorithm: 'Ed25519', key: key.keyId });
    await runArchive(fx.ws, { archiveDir: fx.archiveDir, secrets: fx.secrets, force: true });
    expect((await readSigningKey(fx.secrets, false)).keyId).toBe(key.keyId);
  });

  it('a clean archive verifies with the published key', async () => {
    const report = await runVerify(tar(), { key: publishedKey() });
    expect(report).toMatchObject({ ok: true, signature: { keyFile: publishedKey(), besideArchive: false } });
    expect((await runVerify(tar(), { publishedKey: publishedKey() })).signature.besideArchive).toBe(false);
    expect((await runVerify(tar())).signature.besideArchive).toBe(true);
  });

  it('the signature is plain Ed25519 over the manifest bytes: openssl checks it too', async () => {
    const { stdout } = await run('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      publishedKey(),
      '-rawin',
      '-in',
      manifestPath(),
      '-sigfile',
      toSignaturePath(manifestPath()),
    ]);
    expect(stdout).toContain('Signature Verified Successfully');
  });

  it('fails when a file, the tar and the manifest digests are rewritten together', async () => {
    const forged = await rewriteGuidance();
    const manifest = await recomputeManifest((m) => ({
      ...m,
      files: m.files.map((f) => (f.path === 'guidance/index.html' ? { ...f, sha256: forged } : f)),
    }));
    await writeFile(manifestPath(), `${JSON.stringify(manifest, null, 2)}\n`);
    await expect(runVerify(tar(), { key: publishedKey() })).rejects.toThrow(/^archive manifest signature does not verify: /);
    await expect(runVerify(tar())).rejects.toThrow(/signature does not verify/);
  });

  it('fails against the published key when the forger also re-signs and swaps the key beside the archive', async () => {
    const forged = await rewriteGuidance();
    const evil = attackerKey();
    await resign(
      await recomputeManifest((m) => ({
        ...m,
        files: m.files.map((f) => (f.path === 'guidance/index.html' ? { ...f, sha256: forged } : f)),
      })),
      evil,
    );
    await writeFile(join(fx.archiveDir, ARCHIVE_KEY_FILE), evil.publicPem);
    await expect(runVerify(tar(), { publishedKey: publishedKey() })).rejects.toThrow(/signature does not verify/);
    await expect(rewrapArchive(fx.archiveDir, MONTH, fx.secrets)).rejects.toThrow(/signature does not verify/);
  });

  it('fails when the signature file is missing', async () => {
    await rm(toSignaturePath(manifestPath()));
    await expect(runVerify(tar(), { key: publishedKey() })).rejects.toThrow(/not signed/);
  });

  it('the CLI says so in one line and exits 1', async () => {
    await rewriteGuidance();
    await writeFile(manifestPath(), `${JSON.stringify(await recomputeManifest(), null, 2)}\n`);
    const result = await run(process.execPath, ['src/cli/main.ts', 'verify', tar(), '--out', fx.ws.out]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: archive manifest signature does not verify: /);
  });

  it('a re-wrap signs again and the archive still verifies with the published key', async () => {
    const before = await readFile(toSignaturePath(manifestPath()));
    const registry = await readRegistry(fx.secrets);
    const supa = registry.parties.find((p) => p.partyId === 'SUPA')!;
    revokeRecipient(supa, supa.recipients[0]!);
    await writeRegistry(fx.secrets, registry);
    expect((await rewrapArchive(fx.archiveDir, MONTH, fx.secrets)).rewritten).toHaveLength(1);
    expect((await readFile(toSignaturePath(manifestPath()))).equals(before)).toBe(false);
    expect((await runVerify(tar(), { key: publishedKey() })).ok).toBe(true);
  });
});

describe('tar entries verify rejects', () => {
  const key = (): Promise<SigningKey> => readSigningKey(fx.secrets, false);

  it('a duplicate entry, even under a manifest signed to match the tar', async () => {
    const data = Buffer.from('<!doctype html><title>Shadow</title>\n');
    await appendEntry(rawHeader(`${MONTH}/index.html`, data.length), data);
    await resign(await recomputeManifest(), await key());
    await expect(runVerify(tar(), { key: publishedKey() })).rejects.toThrow(`duplicate archive entry: ${MONTH}/index.html`);
  });

  it.each([
    ['a parent-folder path', `${MONTH}/../evil.html`, '0'],
    ['an absolute path', '/etc/cron.d/evil', '0'],
    ['a symbolic link', `${MONTH}/link`, '2'],
    ['a hard link', `${MONTH}/hard`, '1'],
  ])('%s, even under a manifest signed to match the tar', async (_, name, type) => {
    await appendEntry(rawHeader(name, type === '0' ? 1 : 0, type), type === '0' ? Buffer.from('x') : Buffer.alloc(0));
    await resign(await recomputeManifest(), await key());
    await expect(runVerify(tar(), { key: publishedKey() })).rejects.toThrow(/unsafe archive entry|unexpected archive entry type/);
  });

  it('an entry the manifest does not list', async () => {
    await appendEntry(rawHeader(`${MONTH}/guidance/extra.html`, 1), Buffer.from('x'));
    await resign(await recomputeManifest(), await key());
    expect(await runVerify(tar(), { key: publishedKey() })).toMatchObject({
      ok: false,
      extra: ['guidance/extra.html'],
      archiveAltered: false,
    });
  });
});
