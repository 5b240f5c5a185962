import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURE_EARLIER_MONTH, FIXTURE_MONTH, FIXTURE_PARTIES, buildFixtureDatasets, toCredential } from '../site/sealedFixture.ts';
import { expectNoAxeViolations, guardEveryTest } from './guard.ts';

const base = `/${FIXTURE_MONTH}/`;
const outDir = join(process.cwd(), 'test-results', 'e2e-site', 'out', FIXTURE_MONTH);
const [party, otherParty] = FIXTURE_PARTIES as [(typeof FIXTURE_PARTIES)[number], (typeof FIXTURE_PARTIES)[number]];
const guidancePages = readdirSync(join(outDir, 'guidance'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'search')
  .map((d) => d.name);

guardEveryTest();

test('landing page explains the reporting and offers sign-in', async ({ page }) => {
  await page.goto(base);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer Analytics Reporting');
  await expect(page.getByLabel(/Access key/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test('/ leads to the newest month, whose landing lists every published month; an older landing adds the newer one', async ({ page }) => {
  await page.goto('/');
  expect(new URL(page.url()).pathname).toBe(base);
  const months = page.getByRole('region', { name: 'Published months' }).getByRole('link');
  await expect(months).toHaveText([FIXTURE_MONTH, FIXTURE_EARLIER_MONTH]);
  // built before FIXTURE_MONTH existed: its page learns of it from the root months.json
  await page.goto(`/${FIXTURE_EARLIER_MONTH}/`);
  await expect(months).toHaveText([FIXTURE_MONTH, FIXTURE_EARLIER_MONTH]);
  await months.first().click();
  expect(new URL(page.url()).pathname).toBe(base);
  await expectNoAxeViolations(page);
});

test("the month's public insight note shows on its landing page, rendered without raw HTML, and search finds it", async ({ page }) => {
  await page.goto(base);
  const note = page.getByRole('article', { name: 'Firmware rollout slowed meter reads in the north' });
  await expect(note.getByText('Model B', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
  await expect(note.getByRole('link', { name: 'disclosure rules' })).toHaveAttribute('href', `${base}guidance/disclosure-rules/`);
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  expect(html).not.toContain('never rendered');
  // role and party notes are never public
  for (const file of ['index.html', 'search-index.json']) expect(readFileSync(join(outDir, file), 'utf8')).not.toMatch(/quokka|pangolin/);
  await page.goto(`/${FIXTURE_EARLIER_MONTH}/`);
  await expect(page.getByRole('article')).toHaveCount(0);
  await page.goto(`${base}guidance/search/`);
  await page.getByLabel('Words to find').fill('rollout');
  await page.getByRole('button', { name: 'Search' }).click();
  const links = page.locator('#search-results a');
  await expect(links).toHaveCount(1);
  await links.click();
  expect(new URL(page.url()).hash).toBe('#insight-firmware-rollout');
  await expectNoAxeViolations(page);
});

test('every guidance page renders and passes axe', async ({ page }) => {
  expect(guidancePages).toEqual(
    expect.arrayContaining([
      'background-and-scope',
      'overview-of-reporting',
      'change-process',
      'reporting-contents',
      'disclosure-rules',
      'data-dictionary',
    ]),
  );
  await page.goto(`${base}guidance/`);
  await expectNoAxeViolations(page);
  for (const slug of guidancePages) {
    await page.goto(`${base}guidance/${slug}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test('reporting contents lists every report item of the registry', async ({ page }) => {
  const { REPORT_ITEMS } = await import('../../src/shared/reportItems.ts');
  await page.goto(`${base}guidance/reporting-contents/`);
  for (const item of REPORT_ITEMS) await expect(page.getByRole('cell', { name: item.id, exact: true })).toHaveCount(1);
});

test('search finds a term that occurs on exactly one guidance page', async ({ page }) => {
  const term = 'apostrophe';
  const holding = guidancePages.filter((slug) =>
    readFileSync(join(outDir, 'guidance', slug, 'index.html'), 'utf8')
      .toLowerCase()
      .includes(term),
  );
  expect(holding).toHaveLength(1);
  await page.goto(`${base}guidance/search/`);
  await page.getByLabel('Words to find').fill(term);
  await page.getByRole('button', { name: 'Search' }).click();
  const links = page.locator('#search-results a');
  await expect(links.first()).toBeVisible();
  for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))) {
    expect(href).toBe(`${base}guidance/${holding[0]}/`);
  }
  await expectNoAxeViolations(page);
});

test('the search index and the shells hold no party data', () => {
  const index = readFileSync(join(outDir, 'search-index.json'), 'utf8');
  const shells = FIXTURE_PARTIES.map((p) => readFileSync(join(outDir, 'u', p.slug, 'index.html'), 'utf8'));
  expect(shells[0]).toBe(shells[1]);
  for (const text of [index, ...shells]) {
    for (const p of FIXTURE_PARTIES) {
      expect(text).not.toContain(p.partyName);
      expect(text).not.toContain(p.partyId);
      if (text === index) expect(text).not.toContain(p.slug);
    }
  }
});

test('sign in by link: the name appears and the key leaves the address bar', async ({ page }) => {
  await page.goto(`${base}u/${party.slug}/#k=${toCredential(party)}`);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
  expect(new URL(page.url()).hash).toBe('');
  await expectNoAxeViolations(page);
});

test('sign in by pasted token on the landing page', async ({ page }) => {
  await page.goto(base);
  await page.getByLabel(/Report address/).fill(otherParty.slug);
  await page.getByLabel(/Access key/).fill(toCredential(otherParty));
  await page.getByRole('button', { name: 'Open report' }).click();
  await expect(page.getByTestId('party-name')).toHaveText(otherParty.partyName);
});

test('a wrong token shows a clear error and no data', async ({ page }) => {
  await page.goto(`${base}u/${party.slug}/`);
  // The UI code loads after the page (it is requested behind the report's own files): wait for the form it draws.
  await expect(page.getByRole('heading', { name: 'Sign in to this report' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Access key').fill(toCredential(otherParty));
  await page.getByRole('button', { name: 'Open report' }).click();
  await expect(page.getByTestId('unlock-error')).toContainText('does not open this report');
  await expect(page.getByTestId('party-name')).toHaveCount(0);
  await page.getByLabel('Access key').fill('not-a-token');
  await page.getByRole('button', { name: 'Open report' }).click();
  await expect(page.getByTestId('unlock-error')).toContainText('not in the right form');
});

test('report pages: values equal the dataset, suppressed items say so, explore filters and downloads', async ({ page }) => {
  const data = buildFixtureDatasets(party);
  await page.goto(`${base}u/${party.slug}/#k=${toCredential(party)}`);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);

  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'League tables', exact: true }).click();
  const league = (data.league.toArray() as { business_process: string; success_rate_pct: number }[]).filter(
    (r) => r.business_process === 'Meter Reads',
  );
  const rates = page.locator('[data-chart="league-meter-reads"] td[data-column="success_rate_pct"]');
  await expect(rates).toHaveCount(league.length);
  expect(await rates.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))))).toEqual(
    league.map((r) => r.success_rate_pct),
  );
  await expect(page.locator('[data-chart="league-meter-reads"] tr', { hasText: '(You)' })).toHaveCount(1);
  // a league not published is no empty card between the others: it is named in one list after every league drawn
  const withheld = page.locator('[data-chart="league-withheld"]');
  await expect(withheld.getByRole('listitem')).toHaveText(['League: Scheduling']);
  await expect(page.locator('[data-chart="league-scheduling"]')).toHaveCount(0);
  await expect(page.locator('main section.chart').last()).toHaveAttribute('data-chart', 'league-withheld');
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Meter Reads', exact: true }).click();
  // Peer rates are dots on a fitted axis (yours larger), not bars from 0.
  await expect(page.locator('[data-chart="mr-4-6-1-peers"] svg g[data-mark="dot"] circle')).toHaveCount(3);
  await expect(page.locator('[data-chart="mr-4-6-1-daily"] svg g[data-mark="rect"] rect')).toHaveCount(data.item_daily.numRows);
  await expect(page.locator('[data-chart="mr-4-8-1-monthly"]')).toContainText('No activity this month.');
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Scheduling', exact: true }).click();
  await expect(page.locator('[data-chart="sch-5-1-peers"]')).toContainText('not shown: too few comparable Users');

  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Explore', exact: true }).click();
  const groups = page.locator('[data-chart="explore-result"] td[data-column="region"]');
  await expect(groups).toHaveCount(2);
  await page.getByLabel('Filter by', { exact: true }).selectOption('region');
  await page.getByLabel('Value', { exact: true }).selectOption('North');
  await expect(groups).toHaveCount(1);
  await page.getByLabel('To', { exact: true }).fill(`${FIXTURE_MONTH}-02`);
  const daily = (data.item_daily.toArray() as { region: string; day: string; requests: number; failures: number }[]).filter(
    (r) => r.region === 'North' && r.day <= `${FIXTURE_MONTH}-02`,
  );
  const requests = daily.reduce((n, r) => n + Number(r.requests), 0);
  await expect(page.locator('[data-chart="explore-result"] td[data-column="requests"]')).toHaveAttribute('data-value', String(requests));
  const download = page.waitForEvent('download');
  await page
    .locator('[data-chart="explore-result"]')
    .getByRole('button', { name: /Download CSV/ })
    .click();
  const csv = readFileSync((await (await download).path()) as string, 'utf8');
  const failures = daily.reduce((n, r) => n + Number(r.failures), 0);
  expect(csv.split('\r\n')[1]).toBe(`North,${requests},${requests - failures},${failures},${(requests - failures) / requests}`);
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Inventory', exact: true }).click();
  await page.locator('[data-chart="inventory-models"]').getByLabel('Device type').selectOption('ESME');
  const inventoryDownload = page.waitForEvent('download');
  await page
    .locator('[data-chart="inventory-models"]')
    .getByRole('button', { name: /Download CSV/ })
    .click();
  expect(readFileSync((await (await inventoryDownload).path()) as string, 'utf8')).toContain(`"'=HYPERLINK(""x"")"`);
  const peers = page.locator('[data-chart="inventory-peers"]');
  await expect(peers.locator('td[data-column="who"]')).toHaveText(['User 1', 'User 1', 'User 2']);
  expect(await peers.locator('td[data-column="share"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')))).toEqual([
    '0.75',
    '0.25',
    '1',
  ]);
  await expect(peers.locator('td[data-column="share"]')).toHaveText(['75.0%', '25.0%', '100.0%']);
  await expect(peers.locator('svg g[data-mark="bar"] rect')).toHaveCount(3);
  // each bar tells its exact share on hover and keyboard focus, as the table does
  await expect(peers.locator('[data-tip]').first()).toHaveAttribute('aria-label', 'User 1 · 2.1: 75.0%');
  await page.screenshot({ path: 'test-results/e2e/report-inventory.png', fullPage: true });
});

test('a long table shows its first 200 rows and more on request; its CSV holds every row', async ({ page }) => {
  const rows = (buildFixtureDatasets(party).item_failures.toArray() as { item_id: string }[]).filter((r) => r.item_id === 'SCH-5.1').length;
  expect(rows).toBeGreaterThan(200);
  await page.goto(`${base}u/${party.slug}/#k=${toCredential(party)}`);
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Scheduling', exact: true }).click();
  const table = page.locator('[data-chart="sch-5-1-signifiers"]');
  // with every SRV on the page, the rows wait for the reader
  await expect(table.locator('tbody tr')).toHaveCount(0);
  // scrolled to first, as a reader would: the section starts off screen, where its content is not laid out
  const showRows = table.getByRole('button', { name: 'Show every failure row of SCH-5.1' });
  await showRows.scrollIntoViewIfNeeded();
  await expect(showRows).toBeVisible();
  await showRows.click();
  await expect(page).toHaveURL(/[?&]srv=SCH-5\.1(&|$)/);
  await expect(table.locator('tbody tr')).toHaveCount(200);
  await expect(table).toContainText(`Showing 200 of ${rows} rows`);
  // the most failed rows come first (the fixture's failures run 1..7)
  await expect(table.locator('tbody tr').first().locator('td[data-column="failures"]')).toHaveAttribute('data-value', '7');
  await expect(table.locator('tbody tr').nth(199).locator('td[data-column="failures"]')).not.toHaveAttribute('data-value', '1');
  const download = page.waitForEvent('download');
  await table.getByRole('button', { name: /Download CSV/ }).click();
  const csv = readFileSync((await (await download).path()) as string, 'utf8');
  expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(rows + 1);
  await table.getByRole('button', { name: `Show ${rows - 200} more rows of`, exact: false }).click();
  await expect(table.locator('tbody tr')).toHaveCount(rows);
  await expect(table).not.toContainText('Showing');
  await expectNoAxeViolations(page);
});
