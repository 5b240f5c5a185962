import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  readArchiveManifest,
  readTarEntries,
  rewrapArchive,
  runArchive,
  runVerify,
  toManifestPath,
  toTarPath,
  writeTar,
} from '../../src/tools/archive/index.ts';
import { readSealKey } from '../../src/pipeline/seal/dataKeys.ts';
import { readRegistry, revokeRecipient, writeRegistry, addRecipient } from '../../src/pipeline/seal/registry.ts';
import { SealError, openSealed, parseCredential, unwrapDataKey } from '../../src/shared/seal/index.ts';
import { ARCHIVED_REJECTS, MONTH, writeBuiltMonth } from './fixture.ts';

let fx: Awaited<ReturnType<typeof writeBuiltMonth>>;
const tar = (): string => toTarPath(fx.archiveDir, MONTH);
const manifestPath = (): string => toManifestPath(fx.archiveDir, MONTH);

/** Rewrite the archive with one entry changed by `edit` (undefined drops it), plus `added` entries. */
async function tamper(
  edit: (path: string, bytes: Buffer) => Buffer | undefined,
  added: { path: string; bytes: Buffer }[] = [],
): Promise<void> {
  const entries = await readTarEntries(tar());
  const whole = await readFile(tar());
  const sources = entries.flatMap((e) => {
    const bytes = edit(e.path, whole.subarray(e.offset, e.offset + e.size));
    return bytes
      ? [
          {
            path: e.path,
            size: bytes.length,
            read: async function* () {
              yield bytes;
            },
          },
        ]
      : [];
  });
  for (const a of added)
    sources.push({
      path: a.path,
      size: a.bytes.length,
      read: async function* () {
        yield a.bytes;
      },
    });
  const out = `${tar()}.new`;
  await writeTar(out, sources);
  await copyFile(out, tar());
  await rm(out);
}

beforeEach(async () => {
  fx = await writeBuiltMonth();
  await runArchive(fx.ws, { archiveDir: fx.archiveDir, secrets: fx.secrets, now: new Date('2025-11-03T09:00:00Z') });
});

describe('archive and verify', () => {
  it('records every file of the month with its digest and the build metadata', async () => {
    const manifest = await readArchiveManifest(manifestPath());
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toContain('index.html');
    expect(paths).toContain('guidance/index.html');
    expect(paths.filter((p) => p.endsWith('/keyring.json'))).toHaveLength(2);
    expect(paths).toEqual([...paths].sort());
    expect(manifest.build.toolVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.build.inputDigests['2025-10/parties.csv']).toBe('a'.repeat(64));
    expect(manifest.build.inputRejects?.find((f) => f.file === 'service_requests')).toEqual({
      file: 'service_requests',
      ...ARCHIVED_REJECTS,
      rejectRate: 0.0008,
    });
    expect(manifest.build.inputRejects?.map((f) => f.file)).toEqual([
      'parties',
      'registrations',
      'devices',
      'service_requests',
      'alerts',
      'incidents',
    ]);
    expect(manifest.build.archivedAt).toBe('2025-11-03T09:00:00.000Z');
    expect((await readTarEntries(tar())).map((e) => e.path)).toEqual(paths.map((p) => `${MONTH}/${p}`));
  });

  it('writes the same tar bytes for the same files', async () => {
    const first = await readFile(tar());
    await runArchive(fx.ws, { archiveDir: fx.archiveDir, secrets: fx.secrets, force: true });
    expect((await readFile(tar())).equals(first)).toBe(true);
  });

  it('refuses to overwrite an archived month without force', async () => {
    await expect(runArchive(fx.ws, { archiveDir: fx.archiveDir, secrets: fx.secrets })).rejects.toThrow(/already archived/);
  });

  it('passes on an untouched archive, its manifest and the month folder', async () => {
    expect((await runVerify(tar())).ok).toBe(true);
    expect((await runVerify(manifestPath())).ok).toBe(true);
    expect((await runVerify(join(fx.ws.out, MONTH), { archiveDir: fx.archiveDir })).ok).toBe(true);
  });

  it('catches one changed byte', async () => {
    await tamper((path, bytes) => {
      if (path !== `${MONTH}/guidance/index.html`) return bytes;
      const copy = Buffer.from(bytes);
      copy[5] = (copy[5] ?? 0) ^ 1;
      return copy;
    });
    const report = await runVerify(tar());
    expect(report).toMatchObject({ ok: false, altered: ['guidance/index.html'], missing: [], extra: [] });
  });

  it('catches a removed file', async () => {
    await tamper((path, bytes) => (path === `${MONTH}/index.html` ? undefined : bytes));
    expect(await runVerify(tar())).toMatchObject({ ok: false, altered: [], missing: ['index.html'], extra: [] });
  });

  it('catches an added file', async () => {
    await tamper((_, bytes) => bytes, [{ path: `${MONTH}/guidance/extra.html`, bytes: Buffer.from('x') }]);
    expect(await runVerify(tar())).toMatchObject({ ok: false, altered: [], missing: [], extra: ['guidance/extra.html'] });
  });

  it('catches changes in a month folder', async () => {
    const dir = join(fx.ws.out, MONTH);
    await appendFile(join(dir, 'index.html'), ' ');
    await writeFile(join(dir, 'new.txt'), 'x');
    await rm(join(dir, 'guidance', 'index.html'));
    const report = await runVerify(dir, { archiveDir: fx.archiveDir });
    expect(report).toMatchObject({ ok: false, altered: ['index.html'], missing: ['guidance/index.html'], extra: ['new.txt'] });
  });

  it('re-wraps keyrings after a revocation, records it, leaves data files as they were, and still verifies', async () => {
    const before = await readArchiveManifest(manifestPath());
    const registry = await readRegistry(fx.secrets);
    const supa = registry.parties.find((p) => p.partyId === 'SUPA')!;
    revokeRecipient(supa, supa.recipients[0]!);
    const added = await addRecipient(registry, 'SUPA', 'new analyst');
    await writeRegistry(fx.secrets, registry);
    // The month is sealed again after the revocation: a new current key, the archive keeps the old one.
    const resealKey = await readSealKey(fx.secrets, MONTH, supa);

    const result = await rewrapArchive(fx.archiveDir, MONTH, fx.secrets, new Date('2026-01-05T10:00:00Z'));
    expect(result.rewritten).toEqual([`u/${supa.slug}/keyring.json`]);
    expect(result.unchanged).toHaveLength(1);

    const after = await readArchiveManifest(manifestPath());
    const changed = after.files.filter((f, i) => f.sha256 !== before.files[i]?.sha256).map((f) => f.path);
    expect(changed).toEqual([`u/${supa.slug}/keyring.json`]);
    expect(after.rewraps).toEqual([
      {
        at: '2026-01-05T10:00:00.000Z',
        files: [
          {
            path: `u/${supa.slug}/keyring.json`,
            before: before.files.find((f) => f.path === changed[0])!.sha256,
            after: after.files.find((f) => f.path === changed[0])!.sha256,
          },
        ],
      },
    ]);
    const entries = await readTarEntries(tar());
    const whole = await readFile(tar());
    const keyring = entries.find((e) => e.path.endsWith(`${supa.slug}/keyring.json`))!;
    const text = whole.subarray(keyring.offset, keyring.offset + keyring.size).toString('utf8');
    expect(text).toContain(supa.recipients[1]!.recipientId);
    expect(text).not.toContain(supa.recipients[0]!.recipientId);
    const context = { partySlug: supa.slug, month: MONTH };
    const dataKey = await unwrapDataKey(Buffer.from(text), parseCredential(added.accessKey), context);
    const sealed = entries.find((e) => e.path === `${MONTH}/u/${supa.slug}/data/manifest.json.sealed`)!;
    const sealedBytes = whole.subarray(sealed.offset, sealed.offset + sealed.size);
    const fileContext = { ...context, fileName: 'manifest.json' };
    expect(new TextDecoder().decode(await openSealed(sealedBytes, dataKey, fileContext))).toContain('SUPA');
    await expect(openSealed(sealedBytes, resealKey, fileContext)).rejects.toThrow(SealError);
    expect((await runVerify(tar())).ok).toBe(true);
    expect((await rewrapArchive(fx.archiveDir, MONTH, fx.secrets)).rewritten).toEqual([]);
  });

  it('refuses to re-wrap an archive that no longer matches its manifest', async () => {
    await tamper((_, bytes) => bytes, [{ path: `${MONTH}/x`, bytes: Buffer.from('x') }]);
    await expect(rewrapArchive(fx.archiveDir, MONTH, fx.secrets)).rejects.toThrow(/does not match/);
  });
});

describe('verify inputs', () => {
  it('rejects a path that is not an archive, manifest or month folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cars-verify-'));
    await writeFile(join(dir, 'x.zip'), 'x');
    await expect(runVerify(join(dir, 'x.zip'))).rejects.toThrow(/verify takes/);
  });
});
