/** The party microsite as printed and in every view: print, axe and clean text everywhere, a one-month party, downloads. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  FIXTURE_EARLIER_MONTH,
  FIXTURE_MONTH,
  FIXTURE_NEW_PARTY,
  FIXTURE_PARTIES,
  buildFixtureDatasets,
  buildFixtureDownloads,
  type FixtureParty,
} from '../site/sealedFixture.ts';
import { ROLE_NAMES, toPrintedSections } from '../reportRegistry.ts';
import { expectNoAxeViolations, guardEveryTest } from './guard.ts';
import { expectNoPlotWarning, outDir, party, settle, signIn } from './partyPage.ts';

guardEveryTest();

test('the print view gets ready and holds every section heading of every role', async ({ page }) => {
  await signIn(page, party, FIXTURE_MONTH, '?print=1');
  await page.waitForFunction(() => document.documentElement.dataset.carsReady === 'true', undefined, { timeout: 30_000 });
  expect(party.roles).toEqual(['IS', 'ED']);
  const expected = party.roles.flatMap((role) => toPrintedSections(role).map((title) => `${title} · ${ROLE_NAMES[role]}`));
  expect(expected).toHaveLength(19 + 13);
  const headings = await page.locator('.print-section > h2').allTextContents();
  expect(headings.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(expected);
  await expectNoAxeViolations(page, 'print');
});

test('the print view is ready only once the changes since the earlier month are drawn', async ({ page }) => {
  // The earlier month's figures arrive late: the print must wait for them, or the PDF's second print would move pages.
  await page.route(new RegExp(`/${FIXTURE_EARLIER_MONTH}/u/[^/]+/data/item_monthly`), async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  await signIn(page, party, FIXTURE_MONTH, '?print=1');
  await page.waitForFunction(() => document.documentElement.dataset.carsReady === 'true', undefined, { timeout: 30_000 });
  const heads = await page.evaluate(() =>
    [...document.querySelectorAll('[data-chart="overview-standing"] th')].map((th) => th.textContent),
  );
  expect(heads.filter((h) => h?.startsWith('Change'))).toEqual(party.roles.map(() => expect.stringMatching(/^Change since \w+ \d{4}$/)));
});

test('the PDF printer’s version is laid out only at page width, and holds the same sections there', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, party, FIXTURE_MONTH, '?print=pdf');
  await page.waitForFunction(() => document.documentElement.dataset.carsReady === 'true', undefined, { timeout: 30_000 });
  await expect(page.locator('[data-print-root]')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Open the print version' })).toBeVisible();
  await page.setViewportSize({ width: 700, height: 1000 });
  await expect(page.locator('[data-print-root]')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the print version' })).toBeHidden();
  await expect(page.locator('.print-section > h2')).toHaveCount(19 + 13);
});

test('every view of every role passes axe and shows no null, undefined or NaN, with no console errors, CSP violations or other origins', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, party);
  const seen: string[] = [];
  for (const role of party.roles) {
    if (party.roles.length > 1) await page.getByRole('group', { name: 'Role' }).getByRole('button', { name: ROLE_NAMES[role] }).click();
    const nav = page.getByRole('navigation', { name: 'Report pages' }).getByRole('button');
    const titles = await nav.allTextContents();
    for (const title of titles) {
      await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: title, exact: true }).click();
      await expect(page.locator('#view-title')).toContainText(`${title} · ${ROLE_NAMES[role]}`);
      await settle(page);
      await expectNoAxeViolations(page, `${role} ${title}`);
      // Words as shown, chart text included: a missing value is named or a dash, never a programming word.
      const words = await page
        .locator('section[data-view]')
        .evaluate((el) => (el.textContent ?? '').match(/\b(null|undefined|NaN)\b/g) ?? []);
      expect(words, `${role} ${title}`).toEqual([]);
      seen.push(`${role}:${(await page.locator('section[data-view]').getAttribute('data-view')) ?? ''}`);
    }
  }
  for (const view of ['overview', 'inventory', 'bp-meter-reads', 'alerts', 'league', 'explore', 'downloads'])
    expect(seen).toContain(`IS:${view}`);
  expect(seen).toContain('ED:ed-extras');
});

test('a party with one month only: the switcher probes no month that lacks it', async ({ page }) => {
  const hashes = (month: string): string[] =>
    (JSON.parse(readFileSync(join(outDir, month, 'slug-hashes.json'), 'utf8')) as { slugHashes: string[] }).slugHashes;
  const own = createHash('sha256').update(FIXTURE_NEW_PARTY.slug).digest('hex');
  expect(hashes(FIXTURE_MONTH)).toContain(own);
  expect(hashes(FIXTURE_EARLIER_MONTH)).not.toContain(own);
  expect(hashes(FIXTURE_EARLIER_MONTH)).toContain(createHash('sha256').update(party.slug).digest('hex'));

  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await signIn(page, FIXTURE_NEW_PARTY);
  await expect(page.getByRole('columnheader', { name: 'Change', exact: true })).toBeVisible();
  await expect(page.getByLabel('Month', { exact: true })).toHaveCount(0);
  expect(requested).toContain(`/${FIXTURE_EARLIER_MONTH}/slug-hashes.json`);
  expect(requested.filter((p) => p.startsWith(`/${FIXTURE_EARLIER_MONTH}/u/`))).toEqual([]);
  // One month: each process's sparkline is a single dot.
  await expect(page.locator('[data-chart="overview-standing"] svg.sparkline').first().locator('circle')).toHaveCount(1);
  await expectNoPlotWarning(page);
  await expectNoAxeViolations(page, 'newcomer overview');
});

test('the Downloads page decrypts a packed file to the very bytes that were packed', async ({ page }) => {
  const [packed] = buildFixtureDownloads(party);
  if (!packed) throw new Error('the fixture packs no download');
  await signIn(page, party);
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Downloads', exact: true }).click();
  const files = page.getByRole('table', { name: 'Report files' });
  const row = files.getByRole('row').filter({ has: page.getByRole('cell', { name: packed.name, exact: true }) });
  await expect(row.getByRole('cell', { name: packed.rows.toLocaleString('en-GB'), exact: true })).toBeVisible();
  // Every dataset, its rows counted as the tables count; the network operator's datasets only for an operator.
  const data = page.getByRole('table', { name: 'Data files of this report' });
  const failureRows = buildFixtureDatasets(party).item_failures!.numRows;
  await expect(
    data.getByRole('row', { name: /^item failures/ }).getByRole('cell', { name: failureRows.toLocaleString('en-GB'), exact: true }),
  ).toBeVisible();
  await expect(data.getByRole('cell', { name: 'ed outages', exact: true })).toBeVisible();
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: `CSV of ${packed.name}` }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${FIXTURE_MONTH}-${packed.file}`);
  const bytes = readFileSync(await saved.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toBe(Buffer.from(packed.bytes).toString('utf8'));
  expect(bytes.toString('utf8')).toContain(`Zähler ${party.partyId}`);
  // What the site serves is the sealed file only, which does not hold the text.
  const sealed = await page.request.get(`/${FIXTURE_MONTH}/u/${party.slug}/data/${packed.file}.sealed`);
  expect(sealed.ok()).toBe(true);
  expect((await sealed.body()).includes(Buffer.from(`Zähler ${party.partyId}`))).toBe(false);
  expect((await page.request.get(`/${FIXTURE_MONTH}/u/${party.slug}/data/${packed.file}`)).status()).toBe(404);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page, 'downloads');
  // A gas supplier's report carries the same (empty) operator dataset, and does not list it.
  const gas = FIXTURE_PARTIES[1] as FixtureParty;
  expect(gas.roles).not.toContain('ED');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, gas);
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Downloads', exact: true }).click();
  await expect(data.getByRole('cell', { name: 'item monthly', exact: true })).toBeVisible();
  await expect(data.getByRole('cell', { name: 'ed outages', exact: true })).toHaveCount(0);
});
