import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/commands/serve.ts';

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
});
