/** Build the sealed fixture month with the real site stage, then serve it like the host would. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runSite } from '../../src/pipeline/site/index.ts';
import { FIXTURE_MONTH, writeSealedFixture } from '../site/sealedFixture.ts';
import { findChromium } from './chromium.ts';
import { startStaticServer } from './staticServer.ts';

export const E2E_ROOT = join(process.cwd(), 'test-results', 'e2e-site');

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!findChromium()) throw new Error('no Chromium found: set CHROMIUM_PATH or apt-get install chromium');
  rmSync(E2E_ROOT, { recursive: true, force: true });
  const ws = { work: join(E2E_ROOT, 'work'), out: join(E2E_ROOT, 'out'), month: FIXTURE_MONTH };
  const paths = await writeSealedFixture(join(ws.work, ws.month));
  await runSite(ws, paths);
  const server = await startStaticServer(ws.out, Number(process.env.CARS_E2E_PORT ?? 4873));
  return () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
}
