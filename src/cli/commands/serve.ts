import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { parseMonth } from '../../lib/month.ts';
import { readCurrentSignInLinks, type SignInLink } from '../../pipeline/seal/signInLinks.ts';
import { parseInteger } from '../args.ts';
import type { Command } from '../command.ts';
import { monthOption, outOption, portOption, secretsOption } from '../options.ts';
import { findNewestMonth, startStaticServer } from '../serve/staticServer.ts';

/**
 * One line per live token: the report's address and, apart from it, the access key to paste there. Never one
 * clickable address holding the key: the browser would keep it in its history (docs/site.md).
 */
export const toServeLinkLines = (links: SignInLink[], origin: string, month: string | undefined): string[] =>
  links.map((l) => `  ${l.partyId.padEnd(12)} ${origin}/${month ?? l.month}/u/${l.slug}/  access key ${l.accessKey}`);

export const serve: Command = {
  name: 'serve',
  summary: 'serve built months locally with the production security headers',
  usage: 'serve [--out DIR] [--port N] [--month YYYY-MM] [--secrets DIR]',
  options: {
    out: outOption('built output folder'),
    port: portOption(),
    month: monthOption('month to open first (default: newest built)'),
    secrets: secretsOption('secrets folder, for the demo sign-in links'),
  },
  async run(values) {
    const out = resolve(values.out as string);
    if (!existsSync(out)) throw new CarsError('no built output', out, 'run cars build first');
    const port = parseInteger(values.port as string, '--port', 1);
    const month = typeof values.month === 'string' ? parseMonth(values.month) : undefined;
    await startStaticServer(out, port).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new CarsError('port in use', String(port), 'stop the server using it, or pass --port N');
    });
    const origin = `http://127.0.0.1:${port}`;
    console.log(`serving ${out} at ${origin}/${month ? `${month}/` : ''}`);
    const links = await readCurrentSignInLinks(values.secrets as string);
    if (links.length > 0) console.log('current recipients: open a report address, then paste its access key into the sign-in box');
    for (const line of toServeLinkLines(links, origin, month ?? (await findNewestMonth(out)))) console.log(line);
    console.log('press Ctrl+C to stop');
    await new Promise(() => undefined);
  },
};
