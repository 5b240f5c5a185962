import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInlineScripts, toSlugMismatch } from '../../src/pipeline/site/checks.ts';
import { runSite } from '../../src/pipeline/site/index.ts';
import { FIXTURE_MONTH, FIXTURE_PARTIES, writeSealedFixture } from './sealedFixture.ts';

const dirs: string[] = [];
const freshWorkspace = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cars-site-'));
  dirs.push(dir);
  const ws = { work: join(dir, 'work'), out: join(dir, 'out'), month: FIXTURE_MONTH };
  return { ws, paths: await writeSealedFixture(join(ws.work, ws.month)) };
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('site checks', () => {
  it('finds inline scripts but not script files', () => {
    expect(findInlineScripts('<script type="module" src="/a.js"></script>')).toEqual([]);
    expect(findInlineScripts('<script>alert(1)</script>')).toHaveLength(1);
  });
  it('names missing and extra parties', () => {
    expect(toSlugMismatch(['a', 'b'], ['b', 'c'])).toEqual({ missing: ['c'], extra: ['a'] });
  });
});

describe('runSite', () => {
  it('builds public pages and one identical shell per sealed party, deterministically', async () => {
    const first = await freshWorkspace();
    const manifest = await runSite(first.ws, first.paths);
    expect(manifest.parties).toBe(FIXTURE_PARTIES.length);
    const monthDir = join(first.ws.out, FIXTURE_MONTH);
    const shells = await Promise.all(FIXTURE_PARTIES.map((p) => readFile(join(monthDir, 'u', p.slug, 'index.html'), 'utf8')));
    expect(new Set(shells).size).toBe(1);
    for (const p of FIXTURE_PARTIES) expect(shells[0]).not.toContain(p.partyName);
    // The shell preloads its script first, then the UI chunk's graph; every listed file was built.
    const preloads = [...(shells[0] ?? '').matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1] ?? '');
    expect(preloads[0]).toBe(shells[0]?.match(/<script type="module" src="([^"]+)"/)?.[1]);
    expect(preloads.some((href) => /\/_assets\/mount\.[\w-]+\.js$/.test(href))).toBe(true);
    for (const href of preloads) await expect(stat(join(first.ws.out, href))).resolves.toBeTruthy();
    expect(manifest.publicFiles.some((f) => f.path === 'guidance/disclosure-rules/index.html')).toBe(true);
    // the month's accepted rejects, from the ingest manifest, on its guidance page and in its search index
    const overview = await readFile(join(monthDir, 'guidance', 'overview-of-reporting', 'index.html'), 'utf8');
    expect(overview).toContain('<li>0.08% of service requests were rejected.</li>');
    expect(await readFile(join(monthDir, 'search-index.json'), 'utf8')).toContain('0.08% of service requests were rejected.');
    expect(manifest.publicFiles.some((f) => f.path.endsWith('.map'))).toBe(false);
    const second = await freshWorkspace();
    expect((await runSite(second.ws, second.paths)).publicFiles).toEqual(manifest.publicFiles);
  });

  it('fails when the seal manifest lists a party whose sealed files are missing, and keeps the old output', async () => {
    const { ws, paths } = await freshWorkspace();
    await runSite(ws, paths);
    const before = await readFile(join(ws.out, FIXTURE_MONTH, 'index.html'), 'utf8');
    const sealed = JSON.parse(await readFile(paths.sealManifest, 'utf8'));
    sealed.parties.push({ partyId: 'GHOST', slug: 'ghostghostghost2', keyring: 'keyring.json', files: [] });
    await writeFile(paths.sealManifest, JSON.stringify(sealed));
    await expect(runSite(ws, paths)).rejects.toThrow(/keyring missing for party: GHOST/);
    expect(await readFile(join(ws.out, FIXTURE_MONTH, 'index.html'), 'utf8')).toBe(before);
  });

  it('fails when the sealed folder holds a party the seal manifest does not list', async () => {
    const { ws, paths } = await freshWorkspace();
    const sealed = JSON.parse(await readFile(paths.sealManifest, 'utf8'));
    sealed.parties = sealed.parties.slice(1);
    await writeFile(paths.sealManifest, JSON.stringify(sealed));
    await expect(runSite(ws, paths)).rejects.toThrow(/does not list/);
  });
});
