import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { MONTH_PATTERN } from '../../shared/month.ts';
import { PARTY_AREA_HEADERS, SECURITY_HEADERS } from '../../pipeline/host/index.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pem': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const isPartyArea = (pathname: string): boolean => /^\/[^/]+\/u\//.test(pathname);
/** `/<month>/u/<slug>` without its slash: redirected whether the slug exists or not, so the answer tells nothing. */
const isBareArea = (pathname: string): boolean => /^\/[^/]+\/u\/[^/]+$/.test(pathname);

/** The newest month folder with a landing page, if any: where `/` leads. */
export async function findNewestMonth(out: string): Promise<string | undefined> {
  const entries = await readdir(out, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && MONTH_PATTERN.test(e.name) && existsSync(join(out, e.name, 'index.html')))
    .map((e) => e.name)
    .sort()
    .at(-1);
}

async function toFile(root: string, pathname: string): Promise<{ path: string; redirect?: string } | undefined> {
  const path = resolve(root, `.${pathname}`);
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  if (info.isDirectory()) return pathname.endsWith('/') ? toFile(root, `${pathname}index.html`) : { path, redirect: `${pathname}/` };
  return info.isFile() ? { path } : undefined;
}

/** Serves a built output folder locally with the headers the generated nginx config sends. */
export function startStaticServer(root: string, port: number, host = '127.0.0.1'): Promise<Server> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    void (async () => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        res.writeHead(400, SECURITY_HEADERS).end('bad request');
        return;
      }
      const headers = isPartyArea(pathname) ? { ...SECURITY_HEADERS, ...PARTY_AREA_HEADERS } : SECURITY_HEADERS;
      const newest = pathname === '/' ? await findNewestMonth(base) : undefined;
      const file = newest
        ? { path: '', redirect: `/${newest}/`, status: 302 }
        : isBareArea(pathname)
          ? { path: '', redirect: `${pathname}/` }
          : pathname.includes('\0')
            ? undefined
            : await toFile(base, pathname);
      if (!file) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      } else if (file.redirect) {
        // the front door moves on each month: 302, never cached as a permanent answer
        res.writeHead('status' in file ? file.status : 301, { ...headers, Location: file.redirect }).end();
      } else {
        res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file.path)] ?? 'application/octet-stream' });
        createReadStream(file.path).pipe(res);
      }
    })().catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}
