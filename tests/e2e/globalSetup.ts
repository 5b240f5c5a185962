/** Build two fixture months (the later with one more party) one after the other with the real site stage, then serve them with the production headers. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startStaticServer } from '../../src/cli/serve/staticServer.ts';
import { insightsWorkDir, PUBLIC_INSIGHTS_FILE, runInsights } from '../../src/pipeline/insights/index.ts';
import { readPrivateNotes } from '../../src/pipeline/seal/partyInsights.ts';
import { runSite } from '../../src/pipeline/site/index.ts';
import { FIXTURE_EARLIER_MONTH, FIXTURE_MONTH, FIXTURE_NEW_PARTY, FIXTURE_PARTIES, writeSealedFixture } from '../site/sealedFixture.ts';
import { findChromium } from './chromium.ts';

export const E2E_ROOT = join(process.cwd(), 'test-results', 'e2e-site');

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!findChromium()) throw new Error('no Chromium found: set CHROMIUM_PATH or apt-get install chromium');
  rmSync(E2E_ROOT, { recursive: true, force: true });
  const out = join(E2E_ROOT, 'out');
  const work = join(E2E_ROOT, 'work');
  for (const month of [FIXTURE_EARLIER_MONTH, FIXTURE_MONTH]) {
    // The newcomer has a report in the later month only.
    const parties = month === FIXTURE_MONTH ? [...FIXTURE_PARTIES, FIXTURE_NEW_PARTY] : FIXTURE_PARTIES;
    // the insight notes of tests/fixtures/insights (FIXTURE_MONTH only): one public, one role, one party note,
    // the role and party ones sealed into their readers' areas as the seal stage does
    const notes = await runInsights({ work, out, month }, { content: join(process.cwd(), 'tests', 'fixtures', 'insights') });
    const paths = await writeSealedFixture(join(work, month), parties, month, await readPrivateNotes({ work, out, month }));
    const publicInsights = notes.length > 0 ? join(insightsWorkDir({ work, out, month }), PUBLIC_INSIGHTS_FILE) : undefined;
    await runSite({ work, out, month }, { ...paths, publicInsights });
  }
  const server = await startStaticServer(out, Number(process.env.CARS_E2E_PORT ?? 4873));
  return () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
}
