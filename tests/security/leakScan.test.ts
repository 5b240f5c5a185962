import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../host/builtSite.ts';
import { SAMPLE_PARTIES } from '../seal/syntheticPartition.ts';
import { scanForLeaks, type LeakForm } from './leakScan.ts';

const canaries = SAMPLE_PARTIES.map((p) => ({ partyId: p.partyId, strings: [p.partyName, p.partyId, p.number, ...p.deviceIds] }));
const nothingAllowed = (): boolean => false;

describe('leak scanner', () => {
  it('finds a planted leak in every form, alone and embedded in larger text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cars-leak-'));
    const name = 'Alpha Canary Energy';
    const planted: [LeakForm, string][] = [
      ['plain', `<p>Report for ${name}</p>`],
      ['plain', `shouting ${name.toUpperCase()}`],
      ['url', `/search?q=${encodeURIComponent(name)}&x=1`],
      ['url', `q=${encodeURIComponent(name).replaceAll('%20', '+')}`],
      ['html-entity', `<b>${Array.from(name, (c) => `&#${c.charCodeAt(0)};`).join('')}</b>`],
      ['html-entity', `${Array.from(name, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`).join('')}`],
      ['json', JSON.stringify({ text: `say "${name}"\n` }).replaceAll(' ', '\\u0020')],
      ['base64', Buffer.from(`{"party":"${name}"}`).toString('base64')],
      ['base64', Buffer.from(`xx${name}yyyy`).toString('base64url')],
      ['hex', `data:${Buffer.from(`1${name}2`).toString('hex')}`],
      ['hex', Buffer.from(name).toString('hex').toUpperCase()],
    ];
    for (const [i, [, content]] of planted.entries()) await writeFile(join(dir, `plant-${i}.txt`), content);
    await writeFile(join(dir, 'page.html.gz'), gzipSync(`<html>${name}</html>`));
    await writeFile(join(dir, 'clean.txt'), 'Alpha Canary Power; Canary Energy; Alpha');
    const leaks = await scanForLeaks([dir], canaries, nothingAllowed);
    for (const [i, [form]] of planted.entries()) {
      const found = leaks.filter((l) => l.path.endsWith(`plant-${i}.txt`));
      expect(
        found.map((l) => l.form),
        `plant-${i} (${form})`,
      ).toContain(form);
      expect(found.every((l) => l.partyId === 'ALPHA1')).toBe(true);
    }
    expect(leaks.some((l) => l.path.endsWith('page.html.gz'))).toBe(true);
    expect(leaks.filter((l) => l.path.endsWith('clean.txt'))).toEqual([]);
  });

  it('honours the allow rule and refuses canaries too short to scan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cars-leak-'));
    await writeFile(join(dir, 'a.txt'), 'ALPHA1');
    expect(await scanForLeaks([dir], canaries, (path, party) => path.endsWith('a.txt') && party === 'ALPHA1')).toEqual([]);
    await expect(scanForLeaks([dir], [{ partyId: 'X', strings: ['IS'] }], nothingAllowed)).rejects.toThrow(/too short/);
  });

  it('passes on sealed output and host config, and catches a canary planted in a party shell', async () => {
    const site = await buildSite();
    const sealedOnly = (path: string): boolean => path.endsWith('.sealed');
    expect(await scanForLeaks([site.dist, site.host], canaries, sealedOnly)).toEqual([]);
    // the registry and data keys are not published: they must never be under dist or host
    expect(site.secrets.startsWith(site.dist + sep) || site.secrets.startsWith(site.host + sep)).toBe(false);
    const shell = join(site.dist, site.month, 'u', site.manifest.parties[1]!.slug, 'index.html');
    await writeFile(
      shell,
      `${await readFile(shell, 'utf8')}<script type="application/json">${JSON.stringify({ id: 'BB-11-22-33-44-55-66-02' })}</script>`,
    );
    const leaks = await scanForLeaks([site.dist, site.host], canaries, sealedOnly);
    expect(leaks.map((l) => [l.partyId, l.canary, l.path])).toEqual([['BRAVO2', 'BB-11-22-33-44-55-66-02', shell]]);
  });
});
