import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toSwaRole } from '../../src/pipeline/host/index.ts';
import { readRegistry } from '../../src/pipeline/seal/index.ts';
import { buildSite, type BuiltSite } from './builtSite.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite();
});

describe('generated host config', () => {
  it('nginx: exactly one allow location per slug, one htpasswd per party with only its recipients', async () => {
    const conf = await readFile(join(site.host, 'nginx', 'cars.conf'), 'utf8');
    const registry = await readRegistry(site.secrets);
    for (const party of registry.parties) {
      expect(conf.split(`/u/${party.slug}/"`).length - 1).toBe(1);
      const htpasswd = await readFile(join(site.host, 'nginx', 'htpasswd', `${party.slug}.htpasswd`), 'utf8');
      expect(
        htpasswd
          .trim()
          .split('\n')
          .map((l) => l.split(':')[0]),
      ).toEqual(party.recipients.map((r) => r.recipientId));
      const cred = site.credentials[party.partyId]!;
      expect(htpasswd).not.toContain(cred.password);
      expect(htpasswd).not.toContain(cred.accessKey.split('.')[1]);
    }
    expect((await readdir(join(site.host, 'nginx', 'htpasswd'))).length).toBe(registry.parties.length);
  });

  it('Azure: one role per party, party areas denied by default, no navigation fallback', async () => {
    const swa = JSON.parse(await readFile(join(site.host, 'staticwebapp.config.json'), 'utf8'));
    expect(swa.navigationFallback).toBeUndefined();
    const routes = swa.routes as { route: string; allowedRoles: string[]; headers: Record<string, string> }[];
    for (const party of site.manifest.parties) {
      const own = routes.filter((r) => r.route.includes(`/u/${party.slug}/`));
      expect(own.map((r) => [r.route, r.allowedRoles])).toEqual([[`/${site.month}/u/${party.slug}/*`, [toSwaRole(party.slug)]]]);
    }
    const lastIndex = routes.findIndex((r) => r.route === `/${site.month}/u/*`);
    expect(lastIndex).toBe(routes.length - 1);
    expect(routes[lastIndex]!.allowedRoles.some((role) => role.startsWith('party-'))).toBe(false);
    for (const route of routes) expect(route.headers['Cache-Control']).toBe('no-store');
    expect(swa.globalHeaders['Content-Security-Policy']).toContain("object-src 'none'");
  });
});
