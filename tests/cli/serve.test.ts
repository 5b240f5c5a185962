import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/commands/serve.ts';
import { startStaticServer } from '../../src/cli/serve/staticServer.ts';
import {
  addRecipient,
  findParty,
  revokeRecipient,
  rotateRecipient,
  writeRegistry,
  type Registry,
} from '../../src/pipeline/seal/registry.ts';
import { toSignInLink } from '../../src/pipeline/seal/sealStage.ts';
import { toLinkLine } from '../../src/pipeline/seal/signInLinks.ts';

async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Start `cars serve` for real and return what it printed up to "press Ctrl+C", then stop it. */
async function readServeBanner(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  try {
    return await new Promise<string>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('press Ctrl+C')) done(out);
      });
      child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
      child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
    });
  } finally {
    child.kill();
  }
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('cars serve', () => {
  it('says in one line that the port is taken, naming it and what to do', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cars-serve-'));
    dirs.push(out);
    const taken: Server = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = String((taken.address() as AddressInfo).port);
    try {
      await expect(serve.run({ out, port, secrets: join(out, 'secrets') }, [])).rejects.toThrow(
        `port in use: ${port} (stop the server using it, or pass --port N)`,
      );
    } finally {
      taken.close();
    }
  });

  it('redirects a party address without its slash to the slash form, for a real and a made-up slug alike', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cars-serve-'));
    dirs.push(out);
    const real = 'abcdefghijklmnop';
    await mkdir(join(out, '2025-06', 'u', real), { recursive: true });
    await writeFile(join(out, '2025-06', 'u', real, 'index.html'), '<!doctype html><title>x</title>\n');
    const server = await startStaticServer(out, 0);
    const { port } = server.address() as AddressInfo;
    try {
      for (const slug of [real, 'zzzzzzzzzzzzzzzz']) {
        const reply = await fetch(`http://127.0.0.1:${port}/2025-06/u/${slug}`, { redirect: 'manual' });
        expect([reply.status, reply.headers.get('location'), reply.headers.get('cache-control')]).toEqual([
          301,
          `/2025-06/u/${slug}/`,
          'no-store',
        ]);
      }
      expect((await fetch(`http://127.0.0.1:${port}/2025-06/u/${real}/`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('leads / to the newest month with a landing page (302), and answers 404 while no month is built', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cars-serve-'));
    dirs.push(out);
    const server = await startStaticServer(out, 0);
    const { port } = server.address() as AddressInfo;
    const root = () => fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    try {
      expect((await root()).status).toBe(404);
      for (const month of ['2025-05', '2025-06']) {
        await mkdir(join(out, month), { recursive: true });
        await writeFile(join(out, month, 'index.html'), `<!doctype html><title>${month}</title>\n`);
      }
      // a newer month folder still being copied, without its landing page, is not the front door
      await mkdir(join(out, '2025-07'), { recursive: true });
      const reply = await root();
      expect([reply.status, reply.headers.get('location')]).toEqual([302, '/2025-06/']);
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<title>2025-06</title>');
    } finally {
      server.close();
    }
  });

  it('prints the links of current tokens only, for the newest built month', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cars-serve-'));
    dirs.push(root);
    const out = join(root, 'dist');
    const secrets = join(root, 'secrets');
    for (const month of ['2025-05', '2025-06']) {
      await mkdir(join(out, month), { recursive: true });
      await writeFile(join(out, month, 'index.html'), '<!doctype html><title>x</title>\n');
    }
    const registry: Registry = { version: 1, parties: [] };
    const kept = await addRecipient(registry, 'ALPHA1', 'kept');
    const revoked = await addRecipient(registry, 'ALPHA1', 'revoked');
    const rotatedOld = await addRecipient(registry, 'BRAVO2', 'rotated');
    const alpha = findParty(registry, 'ALPHA1')!;
    const bravo = findParty(registry, 'BRAVO2')!;
    const line = (partyId: string, issued: typeof kept) =>
      toLinkLine(partyId, toSignInLink('2025-05', findParty(registry, partyId)!.slug, issued.accessKey), issued);
    const oldLines = [line('ALPHA1', kept), line('ALPHA1', revoked), line('BRAVO2', rotatedOld)];
    revokeRecipient(alpha, revoked.recipient);
    const rotatedNew = await rotateRecipient(bravo, rotatedOld.recipient);
    await writeRegistry(secrets, registry);
    // A links file from before withdrawn lines were removed still holds them.
    await writeFile(join(secrets, 'sign-in-links.txt'), `${[...oldLines, line('BRAVO2', rotatedNew)].join('\n')}\n`);

    const port = await freePort();
    const banner = await readServeBanner(['--out', out, '--port', String(port), '--secrets', secrets]);
    const origin = `http://127.0.0.1:${port}`;
    const links = banner.split('\n').filter((l) => l.includes(`${origin}/`) && l.includes('access key'));
    expect(links.map((l) => l.trim().split(/\s+/))).toEqual([
      ['ALPHA1', `${origin}/2025-06/u/${alpha.slug}/`, 'access', 'key', kept.accessKey],
      ['BRAVO2', `${origin}/2025-06/u/${bravo.slug}/`, 'access', 'key', rotatedNew.accessKey],
    ]);
    // no address that carries the key: opening it would put the key in the browser's history
    expect(banner).not.toContain('#k=');
    expect(banner).not.toContain(revoked.recipient.recipientId);
    expect(banner).not.toContain(rotatedOld.accessKey);
  });
});
