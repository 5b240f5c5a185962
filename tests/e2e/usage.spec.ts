/**
 * The usage report end to end: a real nginx from the generated host config (access log on) serves the
 * built fixture months; Chromium opens two parties' reports and downloads a CSV; `cars usage` reads the log.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { writeHostConfig } from '../../src/pipeline/host/index.ts';
import { toSshaHash, writeRegistry, type Registry } from '../../src/pipeline/seal/registry.ts';
import { deriveRecipientSecrets, parseCredential, toBase64Url } from '../../src/shared/seal/index.ts';
import { usageReportSchema, type UsageReport } from '../../src/tools/usage/index.ts';
import { startNginx, stopNginx } from '../host/nginxServer.ts';
import {
  FIXTURE_EARLIER_MONTH,
  FIXTURE_MONTH,
  FIXTURE_NEW_PARTY,
  FIXTURE_PARTIES,
  toCredential,
  type FixtureParty,
} from '../site/sealedFixture.ts';

const root = join(process.cwd(), 'test-results', 'e2e-site');
// nginx's workers (www-data) must reach every file they serve or check, whatever folder the repository sits in
// (a clone in a private mktemp folder gave 500s): the site and host files are placed under /tmp, as /var/www would be.
let dir = '';
const port = Number(process.env.CARS_E2E_NGINX_PORT ?? 4541);
const origin = `http://127.0.0.1:${port}`;
let accessLog = '';
const parties = [...FIXTURE_PARTIES, FIXTURE_NEW_PARTY];
const password = (p: FixtureParty): string => `pw-${p.recipientId}`;
let nginx: ChildProcess | undefined;

/** The fixture's recipients as a registry: same slugs and recipient ids, a host password each. */
async function toRegistry(): Promise<Registry> {
  const entries = await Promise.all(
    parties.map(async (p) => {
      const secrets = await deriveRecipientSecrets(parseCredential(toCredential(p)));
      const recipient = {
        recipientId: p.recipientId,
        name: 'analyst',
        status: 'active' as const,
        createdAt: '2025-01-01T00:00:00.000Z',
        wrapKey: toBase64Url(secrets.wrapKey),
        check: toBase64Url(secrets.check),
        basicAuth: toSshaHash(password(p)),
      };
      return { partyId: p.partyId, slug: p.slug, recipients: [recipient] };
    }),
  );
  return { version: 1, parties: entries };
}

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cars-usage-'));
  await chmod(dir, 0o755);
  accessLog = join(dir, 'access.log');
  await cp(join(root, 'out'), join(dir, 'out'), { recursive: true });
  await writeRegistry(join(dir, 'secrets'), await toRegistry());
  await writeHostConfig({
    secrets: join(dir, 'secrets'),
    out: join(dir, 'out'),
    hostDir: join(dir, 'host'),
    listen: `127.0.0.1:${port}`,
    serverName: 'localhost',
    accessLog,
  });
  nginx = await startNginx(join(dir, 'nginx'), join(dir, 'host', 'nginx', 'cars.conf'), port);
});

test.afterAll(async () => {
  await stopNginx(nginx);
  await rm(dir, { recursive: true, force: true });
});

async function openReport(browser: Browser, party: FixtureParty, download: boolean): Promise<void> {
  const context = await browser.newContext({
    baseURL: origin,
    httpCredentials: { username: party.recipientId, password: password(party), send: 'always' },
  });
  const page = await context.newPage();
  await page.goto('/');
  expect(new URL(page.url()).pathname).toBe(`/${FIXTURE_MONTH}/`);
  await page.goto(`/${FIXTURE_MONTH}/u/${party.slug}/#k=${toCredential(party)}`);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
  await expect(page.locator('[data-pending]')).toHaveCount(0);
  if (download) {
    await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Downloads', exact: true }).click();
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV of failures', exact: true }).click();
    expect((await saved).suggestedFilename()).toBe(`${FIXTURE_MONTH}-failures.csv`);
  }
  await context.close();
}

const runUsage = (...args: string[]): UsageReport => {
  const run = spawnSync(
    process.execPath,
    ['src/cli/main.ts', 'usage', '--logs', accessLog, '--secrets', join(dir, 'secrets'), '--json', ...args],
    {
      encoding: 'utf8',
    },
  );
  expect(run.stderr).toBe('');
  return usageReportSchema.parse(JSON.parse(run.stdout));
};

test('cars usage reports the visits, opens and download made through nginx, and counts the malformed lines', async ({ browser }) => {
  const [first, second] = FIXTURE_PARTIES as [FixtureParty, FixtureParty];
  await openReport(browser, first, true);
  await openReport(browser, second, false);
  // refusals on the second party's area: a wrong password (401) and the first party's user (403); the
  // browsers' own challenges before they sent credentials (401 without a user) are no refusal
  const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
  const area = `${origin}/${FIXTURE_MONTH}/u/${second.slug}/`;
  expect((await fetch(area, { headers: basic(second.recipientId, 'wrong') })).status).toBe(401);
  expect((await fetch(area, { headers: basic(first.recipientId, password(first)) })).status).toBe(403);
  await stopNginx(nginx);
  nginx = undefined;
  const served = (await readFile(accessLog, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  expect(served.filter((l) => / - - \[.*" 401 /.test(l)).length).toBeGreaterThan(0);
  await appendFile(accessLog, 'not a log line\n127.0.0.1 - - [05/Mar/2025:10:00:00 +0000] "GET / HTTP/1.1"\n');

  const report = runUsage('--month', FIXTURE_MONTH, '--out', join(dir, 'reports'));
  expect([report.linesRead, report.linesSkipped]).toEqual([served.length + 2, 2]);
  const row = (p: FixtureParty) => report.parties.find((r) => r.party === p.partyId);
  expect(row(first)).toMatchObject({
    recipients: 1,
    visits: 1,
    reportOpens: 1,
    downloads: 1,
    csvDownloads: 1,
    pdfDownloads: 0,
    refused: 0,
  });
  expect(row(first)?.datasetsOpened).toBeGreaterThan(0);
  expect(row(second)).toMatchObject({ recipients: 1, visits: 1, reportOpens: 1, downloads: 0, refused: 2 });
  expect(report.neverOpened).toEqual([{ month: FIXTURE_MONTH, parties: [FIXTURE_NEW_PARTY.partyId] }]);

  // the reports fetched last month's files for their trend: that is no visit to last month
  const all = runUsage('--out', join(dir, 'reports'));
  expect(served.some((l) => l.includes(`/${FIXTURE_EARLIER_MONTH}/u/${first.slug}/`))).toBe(true);
  expect(all.parties.filter((r) => r.month === FIXTURE_EARLIER_MONTH).map((r) => r.visits)).toEqual([0, 0, 0]);
  const output = JSON.stringify(all);
  expect(output).not.toMatch(/127\.0\.0\.1|HeadlessChrome|Mozilla/);
  for (const p of parties) expect(output).not.toContain(p.recipientId);
});
