import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { linksPath } from '../../pipeline/seal/secretsDir.ts';
import { parseInteger } from '../args.ts';
import type { Command } from '../command.ts';
import { startStaticServer } from '../serve/staticServer.ts';

/** The sign-in links the build wrote when it created first recipients, newest last. */
async function readSignInLinks(secrets: string): Promise<string[]> {
  const path = linksPath(secrets);
  if (!existsSync(path)) return [];
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
}

export const serve: Command = {
  name: 'serve',
  summary: 'serve built months locally with the production security headers',
  usage: 'serve [--out DIR] [--port N] [--month YYYY-MM] [--secrets DIR]',
  options: {
    out: { type: 'string', default: 'dist', description: 'built output folder', placeholder: 'DIR' },
    port: { type: 'string', default: '4321', description: 'port on 127.0.0.1', placeholder: 'N' },
    month: { type: 'string', description: 'month to open first (default: newest built)', placeholder: 'YYYY-MM' },
    secrets: { type: 'string', default: 'secrets', description: 'secrets folder, for the demo sign-in links', placeholder: 'DIR' },
  },
  async run(values) {
    const out = resolve(values.out as string);
    if (!existsSync(out)) throw new CarsError('no built output', out, 'run cars build first');
    const port = parseInteger(values.port as string, '--port', 1);
    await startStaticServer(out, port).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new CarsError('port in use', String(port), 'stop the server using it, or pass --port N');
    });
    const origin = `http://127.0.0.1:${port}`;
    const month = values.month as string | undefined;
    console.log(`serving ${out} at ${origin}/${month ? `${month}/` : ''}`);
    const links = await readSignInLinks(values.secrets as string);
    if (links.length > 0) console.log('sign-in links for the recipients the builds created:');
    for (const line of links) {
      const [partyId, link] = line.split('\t');
      if (partyId && link?.startsWith('/')) console.log(`  ${partyId.padEnd(12)} ${origin}${link}`);
    }
    console.log('press Ctrl+C to stop');
    await new Promise(() => undefined);
  },
};
