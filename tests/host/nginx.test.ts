import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNginxConfig } from '../../src/pipeline/host/index.ts';
import { buildSite, type BuiltSite } from './builtSite.ts';
import { NGINX, nginxMainConf, startNginx, stopNginx } from './nginxServer.ts';

if (!NGINX) throw new Error('nginx not found: install the Debian package nginx-light');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let site: BuiltSite;
let nginx: ChildProcess;
let port: number;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Raw request: the path is sent exactly as written (fetch would normalise dot segments). */
const get = (path: string, auth?: { user: string; password: string }): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = auth
      ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
      : {};
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });

beforeAll(async () => {
  port = await freePort();
  site = await buildSite({ listen: `127.0.0.1:${port}` });
  // mkdtemp makes the folder private; the site under it must be reachable for the workers, as /var/www is
  await chmod(site.root, 0o755);
  nginx = await startNginx(join(site.root, 'nginx'), join(site.host, 'nginx', 'cars.conf'), port);
});

afterAll(async () => {
  await stopNginx(nginx);
});

const party = (index: number) => {
  const p = site.manifest.parties[index]!;
  const c = site.credentials[p.partyId]!;
  return { slug: p.slug, file: `/${site.month}/u/${p.slug}/data/srv-monthly.arrow.sealed`, auth: { user: c.user, password: c.password } };
};

function expectSecurityHeaders(reply: Reply): void {
  const csp = String(reply.headers['content-security-policy']);
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc).toContain("'self'");
  expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(csp).toMatch(/default-src 'self'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  expect(reply.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
}

function expectPartyHeaders(reply: Reply): void {
  expectSecurityHeaders(reply);
  expect(reply.headers['cache-control']).toBe('no-store');
  expect(String(reply.headers['x-robots-tag'])).toContain('noindex');
}

describe('nginx with the generated config (real server on loopback)', () => {
  it('serves public pages to anyone, with the security headers', async () => {
    const reply = await get(`/${site.month}/`);
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(await readFile(join(site.dist, site.month, 'index.html'), 'utf8'));
    expectSecurityHeaders(reply);
  });

  it('leads / to the newest month with a landing page (302), with the security headers', async () => {
    for (const auth of [undefined, party(0).auth]) {
      const reply = await get('/', auth);
      expect([reply.status, reply.headers.location]).toEqual([302, `/${site.month}/`]);
      expectSecurityHeaders(reply);
    }
    // only the root itself: other paths are still plain file lookups
    expect((await get('/index.html')).status).toBe(404);
    expect((await get('/2099-12/')).status).toBe(404);
  });

  it('asks for credentials on a party area (401) and never caches it', async () => {
    const a = party(0);
    for (const path of [a.file, `/${site.month}/u/${a.slug}/`, `/${site.month}/u/${a.slug}/keyring.json`]) {
      const reply = await get(path);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toMatch(/^Basic/);
      expectPartyHeaders(reply);
    }
  });

  it('redirects a party address without its slash to the slash form, the same for real and made-up slugs', async () => {
    const a = party(0);
    const madeUp = 'zzzzzzzzzzzzzzzz';
    for (const slug of [a.slug, madeUp])
      for (const auth of [undefined, a.auth]) {
        const reply = await get(`/${site.month}/u/${slug}`, auth);
        expect([reply.status, reply.headers.location], `${slug} ${auth ? 'as A' : 'anonymous'}`).toEqual([
          301,
          `/${site.month}/u/${slug}/`,
        ]);
        expectPartyHeaders(reply);
      }
    // followed by its own recipient, the redirect leads to the report
    expect((await get(`/${site.month}/u/${a.slug}/`, a.auth)).status).toBe(200);
  });

  it("serves a party's files to its own recipient (200) and refuses the other party's (403)", async () => {
    const a = party(0);
    const b = party(1);
    for (const [self, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const own = await get(self.file, self.auth);
      expect(own.status).toBe(200);
      expect(own.body.equals(await readFile(join(site.dist, self.file)))).toBe(true);
      expectPartyHeaders(own);
      expect((await get(`/${site.month}/u/${self.slug}/`, self.auth)).status).toBe(200);
      const foreign = await get(other.file, self.auth);
      expect(foreign.status).toBe(403);
      expectPartyHeaders(foreign);
    }
  });

  it('a wrong password is 401, also on another party area', async () => {
    const a = party(0);
    const b = party(1);
    expect((await get(a.file, { ...a.auth, password: 'wrong' })).status).toBe(401);
    expect((await get(b.file, { ...a.auth, password: 'wrong' })).status).toBe(401);
    expect((await get(a.file, { user: 'someone', password: 'x' })).status).toBe(401);
  });

  it('denies path tricks to non-owners, with or without credentials', async () => {
    const a = party(0);
    const b = party(1);
    const m = site.month;
    const bBytes = await readFile(join(site.dist, b.file));
    const file = 'data/srv-monthly.arrow.sealed';
    // Tricks nginx normalises into B's area: B's rules apply (A → 403, anonymous → 401).
    const intoB = [
      `/${m}/u/${b.slug}%2Fdata%2Fsrv-monthly.arrow.sealed`,
      `/${m}/u%2F${b.slug}/${file}`,
      `/${m}/u/${a.slug}/%2e%2e/${b.slug}/${file}`,
      `/${m}/u/${a.slug}/%2E%2E%2F${b.slug}/${file}`,
      `/${m}/u/${a.slug}/../${b.slug}/${file}`,
      `/${m}/u//${b.slug}/${file}`,
      `//${m}/u/${b.slug}/${file}`,
      `/${m}/u/./${b.slug}/${file}`,
      `/${m}/./u/${b.slug}/./${file}`,
    ];
    // Everything else under a party area falls to the default deny (404 for everyone).
    const denied = [
      `/${m}/u/${b.slug.toUpperCase()}/${file}`,
      `/${m}/U/${b.slug}/${file}`,
      `/${m}/u/${'a'.repeat(16)}/${file}`,
      `/${m}/u/${a.slug}x/${file}`,
      `/${m}/u/`,
      `/${m}/u`,
      // (`/${m}/u/${b.slug}` without its slash redirects, the same for every slug: tested above)
      `/.cars-foreign/${b.slug}`,
    ];
    for (const [paths, asA, anonymous] of [
      [intoB, 403, 401],
      [denied, 404, 404],
    ] as const) {
      for (const path of paths) {
        for (const [auth, expected] of [
          [a.auth, asA],
          [undefined, anonymous],
        ] as const) {
          const reply = await get(path, auth);
          expect(reply.status, `${path} ${auth ? 'as A' : 'anonymous'}`).toBe(expected);
          expect(reply.body.equals(bBytes)).toBe(false);
          expectPartyHeaders(reply);
        }
      }
    }
  });

  it('the auth_request (SSO) variant passes nginx -t', async () => {
    const prefix = join(site.root, 'nginx-sso');
    await mkdir(prefix, { recursive: true });
    const areas = site.manifest.parties.map((p) => ({ slug: p.slug, principals: [] }));
    const include = join(prefix, 'cars-sso.conf');
    await writeFile(
      include,
      buildNginxConfig(areas, {
        siteRoot: site.dist,
        configDir: join(site.host, 'nginx'),
        listen: '127.0.0.1:1',
        serverName: 'localhost',
        auth: { kind: 'sso', authUrl: 'http://127.0.0.1:9/cars/authorize/' },
      }),
    );
    const conf = join(prefix, 'nginx.conf');
    await writeFile(conf, nginxMainConf(prefix, include));
    const check = spawnSync(NGINX as string, ['-t', '-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], { encoding: 'utf8' });
    expect(check.stderr).toContain('test is successful');
    expect(await readFile(include, 'utf8')).toMatch(/auth_request \/\.cars-auth\//);
  });
});
