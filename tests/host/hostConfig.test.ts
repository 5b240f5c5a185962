import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { addMonths } from '../../src/shared/month.ts';
import { SWA_LIMITS, SWA_USER_ROLE, buildSwaConfig, toSwaConfigText, writeHostConfig } from '../../src/pipeline/host/index.ts';
import { addRecipient, writeRegistry, type Registry } from '../../src/pipeline/seal/registry.ts';
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

  it('Azure: one gate per built month over every party area, open to the DCC User role, never cached, no fallback', async () => {
    const swa = JSON.parse(await readFile(join(site.host, 'staticwebapp.config.json'), 'utf8'));
    expect(swa.navigationFallback).toBeUndefined();
    expect(swa.trailingSlash).toBe('always');
    const [door, ...routes] = swa.routes as { route: string; allowedRoles: string[]; headers: Record<string, string> }[];
    // a month folder without its landing page (2099-12) gets a gate but is not the front door
    expect(door).toEqual({ route: '/', redirect: `/${site.month}/`, statusCode: 302 });
    expect(routes.map((r) => [r.route, r.allowedRoles])).toEqual([
      [`/${site.month}/u*`, [SWA_USER_ROLE]],
      ['/2099-12/u*', [SWA_USER_ROLE]],
    ]);
    // Azure accepts role names of letters, digits and underscores only
    for (const route of routes) for (const role of route.allowedRoles) expect(role).toMatch(/^[A-Za-z0-9_]+$/);
    for (const route of routes) expect(route.headers['Cache-Control']).toBe('no-store');
    expect(swa.globalHeaders['Content-Security-Policy']).toContain("object-src 'none'");
    const registry = await readRegistry(site.secrets);
    expect(JSON.stringify(swa)).not.toContain(registry.parties[0]!.slug);
  });

  it('Azure: 250 parties and 36 built months fit the documented 20 KB and 50 roles; more months than fit fail in one line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cars-swa-'));
    const secrets = join(root, 'secrets');
    const registry = { version: 1 as const, parties: [] as Registry['parties'] };
    for (let i = 0; i < 250; i++) await addRecipient(registry, `P${String(i).padStart(3, '0')}`, 'analyst');
    await writeRegistry(secrets, registry);
    const out = join(root, 'dist');
    const months = Array.from({ length: 36 }, (_, i) => addMonths('2023-01', i));
    for (const month of months) await mkdir(join(out, month), { recursive: true });
    await writeFile(join(out, months.at(-1)!, 'index.html'), '<!doctype html><title>x</title>');
    await writeHostConfig({ secrets, out, hostDir: join(root, 'host') });
    const text = await readFile(join(root, 'host', 'staticwebapp.config.json'), 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SWA_LIMITS.bytes);
    const swa = JSON.parse(text) as { routes: { route: string; allowedRoles?: string[] }[] };
    expect(swa.routes).toHaveLength(37);
    expect(swa.routes[0]).toMatchObject({ route: '/', redirect: `/${months.at(-1)}/` });
    expect(new Set(swa.routes.flatMap((r) => r.allowedRoles ?? [])).size).toBeLessThanOrEqual(SWA_LIMITS.roles);
    const tooMany = Array.from({ length: 400 }, (_, i) => addMonths('1990-01', i));
    expect(() => toSwaConfigText(buildSwaConfig(tooMany))).toThrow(/^Azure Static Web Apps config over its 20 KB limit: \d+ bytes/);
  });
});
