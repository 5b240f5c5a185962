/** The party microsite across two built months: switcher, where you stand, print, splits, and every view clean (axe, console, CSP, origin). */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  FIXTURE_EARLIER_MONTH,
  FIXTURE_MONTH,
  FIXTURE_NEW_PARTY,
  FIXTURE_PARTIES,
  buildFixtureDatasets,
  buildFixtureDownloads,
  toCredential,
  type FixtureParty,
} from '../site/sealedFixture.ts';
import { REPORT_ITEMS } from '../../src/shared/reportItems.ts';
import { ROLE_NAMES, toPrintedSections } from '../reportRegistry.ts';
import { expectNoAxeViolations, guardEveryTest } from './guard.ts';

const party = FIXTURE_PARTIES[0] as FixtureParty;
const outDir = join(process.cwd(), 'test-results', 'e2e-site', 'out');
// Rates as the report writes them: as en-GB Intl does (ties away from zero), worked out here, not by the report's code.
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Requests of one business process in a party's fixture month (what the overview and the trend show). */
function processRequests(p: FixtureParty, month: string, bp: string): number {
  const rows = buildFixtureDatasets(p, month).item_monthly?.toArray() as { business_process: string; requests: number }[];
  return rows.filter((r) => r.business_process === bp).reduce((n, r) => n + Number(r.requests), 0);
}

async function signIn(page: Page, p: FixtureParty, month = FIXTURE_MONTH, search = ''): Promise<void> {
  await page.goto(`/${month}/u/${p.slug}/${search}#k=${toCredential(p)}`);
  await expect(page.getByTestId('party-name')).toHaveText(p.partyName);
}

/** Wait until no chart of the page is loading or drawing. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('[data-pending]')).toHaveCount(0);
}

/** Plot flags a chart drawn from data it distrusts with a "⚠️" text mark (titled "… Please check the console."). */
async function expectNoPlotWarning(page: Page): Promise<void> {
  await settle(page);
  const marks = await page.locator('[data-chart] svg text').evaluateAll((texts) => texts.map((t) => t.textContent ?? ''));
  expect(marks.length).toBeGreaterThan(0);
  expect(marks.filter((t) => t.includes('\u26a0'))).toEqual([]);
}

guardEveryTest();

test('the month switcher moves between the two built months and shows each month its own data', async ({ page }) => {
  const headlineRequests = page
    .locator('[data-chart="overview-headlines"] tr', { hasText: 'Meter Reads' })
    .locator('td[data-column="requests"]');
  await signIn(page, party);
  await expect(page.getByText(`Report for ${FIXTURE_MONTH}`)).toBeVisible();
  await expect(headlineRequests).toHaveAttribute('data-value', String(processRequests(party, FIXTURE_MONTH, 'Meter Reads')));
  const switcher = page.getByLabel('Month', { exact: true });
  await expect(switcher.locator('option')).toHaveText([FIXTURE_MONTH, FIXTURE_EARLIER_MONTH]);

  await switcher.selectOption(FIXTURE_EARLIER_MONTH);
  await expect(page).toHaveURL(new RegExp(`/${FIXTURE_EARLIER_MONTH}/u/${party.slug}/$`));
  await expect(page.getByText(`Report for ${FIXTURE_EARLIER_MONTH}`)).toBeVisible();
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
  await expect(headlineRequests).toHaveAttribute('data-value', String(processRequests(party, FIXTURE_EARLIER_MONTH, 'Meter Reads')));
  await expectNoAxeViolations(page, FIXTURE_EARLIER_MONTH);

  await page.getByLabel('Month', { exact: true }).selectOption(FIXTURE_MONTH);
  await expect(page).toHaveURL(new RegExp(`/${FIXTURE_MONTH}/u/${party.slug}/$`));
  await expect(page.getByText(`Report for ${FIXTURE_MONTH}`)).toBeVisible();
});

/** A process's own success rate in a fixture month, from the published item_monthly rows. */
function processRate(p: FixtureParty, month: string, bp: string): number {
  const rows = buildFixtureDatasets(p, month).item_monthly?.toArray() as {
    business_process: string;
    requests: number;
    successes: number;
  }[];
  const mine = rows.filter((r) => r.business_process === bp);
  return mine.reduce((n, r) => n + Number(r.successes), 0) / mine.reduce((n, r) => n + Number(r.requests), 0);
}

test('where you stand: rate, industry, difference, rank and change per process, as the datasets give them', async ({ page }) => {
  const datasets = buildFixtureDatasets(party, FIXTURE_MONTH);
  type Published = Record<string, string | number | boolean | null>;
  const industry = (datasets.item_monthly?.toArray() as Published[]).find((r) => r.business_process === 'Meter Reads')
    ?.industry_success_rate as number;
  const league = (datasets.league?.toArray() as Published[]).filter((r) => r.business_process === 'Meter Reads');
  const rank = `${league.find((r) => r.is_you)?.rank} of ${league.length}`;
  const rate = processRate(party, FIXTURE_MONTH, 'Meter Reads');
  const earlier = processRate(party, FIXTURE_EARLIER_MONTH, 'Meter Reads');
  const pp = (d: number) => percent.format(Math.abs(d)).replace('%', ' pp');
  const pct = (r: number) => percent.format(r);
  expect(rate).toBeLessThan(industry);
  expect(rate).toBeLessThan(earlier);

  await signIn(page, party);
  await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Sign in' })).toBeHidden();
  const standing = page.locator('[data-chart="overview-standing"]');
  await settle(page);
  const row = standing.getByRole('row', { name: /^Meter Reads/ });
  const months = `${pct(earlier)} in February 2025, ${pct(rate)} in March 2025`;
  await expect(row.getByRole('cell')).toHaveText([
    pct(rate),
    pct(industry),
    `−${pp(rate - industry)} below`,
    rank,
    `−${pp(rate - earlier)} down`,
    months,
  ]);
  await expect(standing.getByRole('columnheader', { name: 'Change since February 2025' })).toBeVisible();
  await expect(standing).toContainText(
    `Meter Reads: ${pct(rate)}, ${pp(rate - industry)} below industry, ${rank} — down ${pp(rate - earlier)} on February 2025.`,
  );
  // Scheduling's industry figure is suppressed in the fixture: it says so in words and sorts last.
  const last = standing.locator('tbody tr').last();
  await expect(last.getByRole('rowheader')).toHaveText('Scheduling');
  await expect(last.getByRole('cell').nth(1)).toHaveText('withheld');
  await expect(last.getByRole('cell').nth(3)).toHaveText('not published');
  // The positions table lists that league too, after the published ones, rather than leaving it out.
  const positions = page.locator('[data-chart="overview-league"] tbody tr');
  await expect(positions.last().locator('td[data-column="business_process"]')).toHaveText('Scheduling');
  await expect(positions.last().locator('td[data-column="status"]')).toHaveText('not published');
  await expect(positions.last().locator('td[data-column="rank"]')).toHaveText('—');
  // Auxiliary Load: no requests and no industry figure. A row of the tables, but no empty line in the chart.
  await expect(
    standing
      .getByRole('row', { name: /^Auxiliary Load/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('no requests');
  const headlines = page.locator('[data-chart="overview-headlines"]');
  await expect(headlines.locator('[data-mark="y-axis tick label"] text')).toHaveText(['Meter Reads', 'Scheduling']);
  await expect(headlines.locator('td[data-column="business_process"]', { hasText: 'Auxiliary Load' })).toHaveCount(1);
  // The legend draws each series as the chart does: your dot filled, industry's as a ring.
  const legend = headlines.locator('.dots-legend span');
  await expect(legend).toHaveText(['You', 'Industry']);
  expect(await legend.locator('circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('fill') === 'white'))).toEqual([false, true]);
  await expect(row.getByRole('img')).toHaveAccessibleName(months);
  await expectNoAxeViolations(page, 'overview');
});

test('a chart shows the exact value of a mark on hover and on keyboard focus', async ({ page }) => {
  const rows = buildFixtureDatasets(party).item_monthly?.toArray() as Record<string, string | number | null>[];
  const own = processRate(party, FIXTURE_MONTH, 'Meter Reads');
  const industry = Number(rows.find((r) => r.business_process === 'Meter Reads')?.industry_success_rate);
  const youText = `Meter Reads · You: ${percent.format(own)}`;
  const industryText = `Meter Reads · Industry: ${percent.format(industry)}`;
  await signIn(page, party);
  await settle(page);
  const chart = page.locator('[data-chart="overview-headlines"]');
  const tip = chart.locator('.chart-tip');
  await expect(tip).toBeHidden();
  await chart.getByRole('img', { name: industryText }).hover();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(industryText);
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();

  // The keyboard: one tab stop into the chart, then the arrow keys from mark to mark.
  const marks = chart.locator('[data-tip]');
  // Scheduling's industry rate is suppressed: three dots.
  await expect(marks).toHaveCount(3);
  await chart.getByRole('button', { name: /Download CSV/ }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(marks.first()).toBeFocused();
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    await expect(tip).toBeVisible();
    names.push((await tip.textContent()) ?? '');
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', names[i] ?? '');
    await page.keyboard.press('ArrowDown');
  }
  expect(names).toContain(youText);
  expect(names).toContain(industryText);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(tip).toBeHidden();
  await expectNoAxeViolations(page, 'chart tooltips');
});

test('a process page ranks where the failures come from by excess over the other Users’ rate, per dimension', async ({ page }) => {
  const rows = (buildFixtureDatasets(party).root_causes?.toArray() ?? []) as Record<string, string | number | null>[];
  const byModel = rows.filter((r) => r.dimension === 'model');
  // Most excess first, then the slices without a comparison: worked out from failures and the others' rate. A slice
  // with neither failures nor a comparison says nothing and is left out.
  const excess = (r: Record<string, string | number | null>) =>
    r.industry_failure_rate === null ? -Infinity : Number(r.failures) - Number(r.requests) * Number(r.industry_failure_rate);
  const telling = byModel.filter((r) => Number(r.failures) > 0 || r.industry_failure_rate !== null);
  expect(telling.length).toBe(byModel.length - 1);
  const expected = telling.sort((a, b) => excess(b) - excess(a)).map((r) => String(r.slice));
  expect(expected[0]).toBe('Model B');

  await signIn(page, party, FIXTURE_MONTH, '?role=IS&view=bp-meter-reads');
  const chart = page.locator('[data-chart="mr-4-6-1-causes"]');
  await expect(chart.getByLabel('Dimension')).toHaveValue('model');
  await expect(chart.locator('td[data-column="slice"]')).toHaveText(expected);
  await chart.getByLabel('Dimension').selectOption({ label: 'Region' });
  await expect(chart.locator('td[data-column="slice"]')).toHaveText(['North']);
  await expectNoAxeViolations(page, 'root causes');
});

test('a note of the DCC shows only in the microsites of its audience, and in no file anyone can read', async ({ page }) => {
  const gas = FIXTURE_PARTIES[1] as FixtureParty;
  expect(gas.roles).toEqual(['GS']);
  await signIn(page, party);
  const notes = page.locator('section.insights');
  await expect(notes.getByRole('heading', { name: 'Your alert backlog' })).toBeVisible();
  await expect(notes).toContainText('quokka-backlog');
  await expect(notes).not.toContainText('pangolin');
  // Beside the process it relates to (its report item is a Meter Reads item), not on other process pages.
  const nav = page.getByRole('navigation', { name: 'Report pages' });
  await nav.getByRole('button', { name: 'Meter Reads', exact: true }).click();
  await expect(page.locator('section.insights')).toContainText('quokka-backlog');
  await nav.getByRole('button', { name: 'Scheduling', exact: true }).click();
  await expect(page.locator('#view-title')).toContainText('Scheduling');
  await expect(page.locator('section.insights')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, gas);
  await expect(page.locator('section.insights')).toContainText('pangolin-variant');
  await expect(page.locator('section.insights')).not.toContainText('quokka');
  await signIn(page, FIXTURE_NEW_PARTY);
  await expect(page.getByRole('heading', { name: 'Where you stand' })).toBeVisible();
  await expect(page.locator('section.insights')).toHaveCount(0);
  // Sealed: neither note's words are in any published file, as bytes.
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) expect(readFileSync(join(f.parentPath, f.name), 'latin1'), f.name).not.toMatch(/quokka|pangolin/);
});

test('a chart whose industry figures are all withheld is titled as yours alone, and says why', async ({ page }) => {
  await signIn(page, party, FIXTURE_MONTH, '?view=alerts');
  // The fixture publishes N13's industry series and withholds N55's.
  const chart = page.locator('[data-chart="alerts-daily"]');
  const notice = page.locator('[data-for="alerts-daily"][data-status="suppressed"]');
  await expect(chart.getByRole('heading', { level: 3 })).toHaveText('Alerts delivered per day, you and industry');
  await expect(notice).toHaveCount(0);
  await chart.getByLabel('Alert code').selectOption('N55');
  await expect(chart.getByRole('heading', { level: 3 })).toHaveText('Alerts delivered per day, you');
  await expect(notice).toHaveText('Alerts delivered per day, you: industry and peer figures not shown: too few comparable Users.');
  await expect(chart.locator('.dots-legend, [class*="swatches"]')).toHaveCount(0);
});

test('every view has an address of its own: it reopens signed in, back and forward move between views, no credential in it', async ({
  page,
}) => {
  await signIn(page, party);
  const nav = page.getByRole('navigation', { name: 'Report pages' });
  const title = page.locator('#view-title');
  await page.getByRole('group', { name: 'Role' }).getByRole('button', { name: ROLE_NAMES.ED }).click();
  await nav.getByRole('button', { name: 'League tables', exact: true }).click();
  await expect(page).toHaveURL(/\?role=ED&view=league$/);
  await nav.getByRole('button', { name: 'Inventory', exact: true }).click();
  await expect(title).toHaveText(`Inventory · ${ROLE_NAMES.ED}`);
  const address = page.url();
  expect(address).not.toContain(toCredential(party).split('.')[1] ?? '');
  await page.goBack();
  await expect(title).toHaveText(`League tables · ${ROLE_NAMES.ED}`);
  await page.goForward();
  await expect(title).toHaveText(`Inventory · ${ROLE_NAMES.ED}`);
  // The same address opened again in this signed-in tab: the same role and view.
  await page.goto('about:blank');
  await page.goto(address);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
  await expect(title).toHaveText(`Inventory · ${ROLE_NAMES.ED}`);
  await expect(page.getByRole('group', { name: 'Role' }).getByRole('button', { name: ROLE_NAMES.ED })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('a process page drills down from all SRVs to one SRV, one slice and its failure signifier rows', async ({ page }) => {
  const failures = (buildFixtureDatasets(party).item_failures?.toArray() ?? []) as Record<string, string | number | null>[];
  const mine = failures.filter((r) => r.item_id === 'MR-4.6.1');
  const inSlice = mine.filter((r) => r.model === 'Model B');
  const sliceFailures = inSlice.reduce((n, r) => n + Number(r.failures), 0);
  const causes = (buildFixtureDatasets(party).root_causes?.toArray() ?? []) as Record<string, string | number | null>[];
  // The fixture's signifier rows of the slice add up to the slice's failures in root_causes.
  expect(sliceFailures).toBe(Number(causes.find((r) => r.slice === 'Model B')?.failures));
  expect(inSlice.length).toBeLessThan(mine.length);

  await signIn(page, party, FIXTURE_MONTH, '?role=IS&view=bp-meter-reads');
  const all = page.locator('[data-chart="meter-reads-all-causes"]');
  await expect(all.getByLabel('Dimension')).toHaveValue('model');
  await expect(all.locator('td[data-column="slice"]').first()).toHaveText('Model B');
  await all.getByRole('button', { name: 'Show failures of MR-4.6.1 in Model B' }).click();

  await expect(page).toHaveURL(/[?&]srv=MR-4\.6\.1(&|$)/);
  await expect(page).toHaveURL(/[?&]slice=model%3AModel\+B(&|$)/);
  await expect(page.getByLabel('SRV', { exact: true })).toHaveValue('MR-4.6.1');
  await expect(all).toHaveCount(0);
  const table = page.locator('[data-chart="mr-4-6-1-signifiers"]');
  await expect(table.locator('td[data-column="model"]')).toHaveText(inSlice.map(() => 'Model B'));
  const notice = page.locator('[data-status="slice"]');
  await expect(notice).toBeFocused();
  await expect(notice).toContainText(`where Model is Model B: ${inSlice.length} rows, ${sliceFailures} failures`);
  await expect(page.locator('[data-chart="mr-4-6-1-causes"]').getByLabel('Dimension')).toHaveValue('model');
  await expectNoAxeViolations(page, 'drill-down');

  // Back: all SRVs again, the SRV's rows waiting behind a button; forward: the slice; "every failure row" widens the
  // table to the SRV.
  await page.goBack();
  await expect(all.locator('td[data-column="slice"]').first()).toHaveText('Model B');
  await expect(table.locator('tbody tr')).toHaveCount(0);
  await expect(table.getByRole('button', { name: 'Show every failure row of MR-4.6.1' })).toBeVisible();
  await page.goForward();
  await expect(table.locator('tbody tr')).toHaveCount(inSlice.length);
  await notice.getByRole('button', { name: 'Show every failure row of MR-4.6.1' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(mine.length);
  await expect(page).not.toHaveURL(/slice=/);
  // From all SRVs, the button shows the SRV alone with every row.
  await page.goBack();
  await page.goBack();
  await expect(all).toBeVisible();
  await table.getByRole('button', { name: 'Show every failure row of MR-4.6.1' }).click();
  await expect(page).toHaveURL(/[?&]srv=MR-4\.6\.1$/);
  await expect(table.locator('tbody tr')).toHaveCount(mine.length);
  await expect(all).toHaveCount(0);
});

test('the settings within a view are in the address: a new signed-in page reopens them, back and forward step through them', async ({
  page,
  context,
}) => {
  await signIn(page, party, FIXTURE_MONTH, '?role=IS&view=bp-meter-reads');
  const causes = page.locator('[data-chart="mr-4-6-1-causes"]');
  await causes.getByLabel('Dimension').selectOption({ label: 'Region' });
  await page.locator('[data-chart="mr-4-6-1-daily"]').getByLabel('Split by').selectOption('meter_type');
  const processAddress = page.url();
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page).toHaveURL(/\?role=IS&view=explore$/);
  // Report items are named in the picker, not only numbered: "<id>: <description>", as the registry has them.
  const itemOptions = page.getByLabel('Report item').locator('option:not([value=""])');
  await expect(itemOptions.first()).toBeAttached();
  for (const [id, label] of await itemOptions.evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent])))
    expect(label).toBe(`${id}: ${REPORT_ITEMS.find((i) => i.id === id)?.description}`);
  await page.getByLabel('From').fill(`${FIXTURE_EARLIER_MONTH}-02`);
  await page.getByLabel('Group by').selectOption('month');
  // Months read in time order, not furthest below industry first as other groupings do.
  await expect(page.locator('[data-chart="explore-result"] [data-mark="y-axis tick label"] text')).toHaveText([
    FIXTURE_EARLIER_MONTH,
    FIXTURE_MONTH,
  ]);
  await page.getByLabel('Group by').selectOption('meter_type');
  const exploreAddress = page.url();
  for (const address of [processAddress, exploreAddress]) expect(address).not.toContain(toCredential(party).split('.')[1] ?? '');
  await page.goBack();
  await expect(page.getByLabel('Group by')).toHaveValue('month');
  await page.goForward();
  await expect(page.getByLabel('Group by')).toHaveValue('meter_type');
  // Another role opens Explore with its defaults; back returns to this role's settings.
  await page.getByRole('group', { name: 'Role' }).getByRole('button', { name: ROLE_NAMES.ED }).click();
  await expect(page).toHaveURL(/\?role=ED&view=explore$/);
  await expect(page.getByLabel('Group by')).toHaveValue('region');
  await page.goBack();
  await expect(page.getByLabel('Group by')).toHaveValue('meter_type');

  // A colleague's tab: the copied address, signed in with their own credential in the fragment only.
  const other = await context.newPage();
  await other.goto(`${exploreAddress}#k=${toCredential(party)}`);
  await expect(other.locator('#view-title')).toContainText('Explore');
  await expect(other.getByLabel('From')).toHaveValue(`${FIXTURE_EARLIER_MONTH}-02`);
  await expect(other.getByLabel('Group by')).toHaveValue('meter_type');
  await expect(other.locator('[data-chart="explore-result"] h3')).toHaveText('Explore: success rate by meter type');
  await expect(other.locator('[data-chart="explore-result"]')).toContainText(`Months: ${FIXTURE_EARLIER_MONTH}, ${FIXTURE_MONTH}.`);
  await other.goto(`${processAddress}#k=${toCredential(party)}`);
  await expect(other.locator('[data-chart="mr-4-6-1-causes"]').getByLabel('Dimension')).toHaveValue('region');
  await expect(other.locator('[data-chart="mr-4-6-1-causes"] td[data-column="slice"]')).toHaveText(['North']);
  await expect(other.locator('[data-chart="mr-4-6-1-daily"]').getByLabel('Split by')).toHaveValue('meter_type');
  await expect(other.locator('[data-chart="mr-4-6-1-daily"] th').nth(1)).toHaveText('Meter type');
  await other.close();
});

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

test('a business process page: the split control redraws the daily chart with that split’s figures', async ({ page }) => {
  const daily = buildFixtureDatasets(party).item_daily?.toArray() as {
    day: string;
    region: string;
    meter_type: string;
    requests: number;
  }[];
  const expectedBy = (split: 'region' | 'meter_type'): string[][] => {
    const sums = new Map<string, number>();
    for (const r of daily) sums.set(`${r.day}|${r[split]}`, (sums.get(`${r.day}|${r[split]}`) ?? 0) + Number(r.requests));
    return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => [...key.split('|'), String(n)]);
  };
  await signIn(page, party);
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Meter Reads', exact: true }).click();
  const chart = page.locator('[data-chart="mr-4-6-1-daily"]');
  const readTable = async (split: string) => {
    const rows = chart.locator('tbody tr');
    return rows.evaluateAll(
      (trs, column) =>
        trs.map((tr) =>
          ['day', column, 'requests'].map((c) => tr.querySelector(`td[data-column="${c}"]`)?.getAttribute('data-value') ?? ''),
        ),
      split,
    );
  };
  await expect(chart.locator('svg g[data-mark="rect"] rect')).toHaveCount(expectedBy('region').length);
  expect(await readTable('region')).toEqual(expectedBy('region'));
  // Each day's part is a mark named with its day, split and exact value.
  const [day, region, requests] = expectedBy('region')[0] ?? [];
  await expect(chart.getByRole('img', { name: `${day} · ${region}: ${requests}`, exact: true })).toHaveCount(1);

  await chart.getByLabel('Split by').selectOption('meter_type');
  const byMeter = expectedBy('meter_type');
  expect(byMeter.length).not.toBe(expectedBy('region').length);
  await expect(chart.locator('svg g[data-mark="rect"] rect')).toHaveCount(byMeter.length);
  await expect(chart.locator('tbody tr')).toHaveCount(byMeter.length);
  expect(await readTable('meter_type')).toEqual(byMeter);
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

test('a business process page fetches only its own process’s part of the daily and failure datasets', async ({ page }) => {
  const area = `/${FIXTURE_MONTH}/u/${party.slug}/data/`;
  const fetched: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith(area) && /^item_(daily|failures)\./.test(path.slice(area.length))) fetched.push(path.slice(area.length));
  });
  await signIn(page, party);
  await settle(page);
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('button', { name: 'Meter Reads', exact: true }).click();
  await expect(page.locator('[data-chart="mr-4-6-1-daily"] svg g[data-mark="rect"] rect').first()).toBeVisible();
  await settle(page);
  // the fixture's failures are in Scheduling and Meter Reads: the Meter Reads page reads only its own parts, the
  // failure rows when the reader asks for them
  expect([...new Set(fetched)]).toEqual(['item_daily.meter-reads.arrow.sealed']);
  await page.getByRole('button', { name: 'Show every failure row of MR-4.6.1' }).click();
  await expect(page.locator('[data-chart="mr-4-6-1-signifiers"] tbody tr').first()).toBeVisible();
  await settle(page);
  expect([...new Set(fetched)].sort()).toEqual(['item_daily.meter-reads.arrow.sealed', 'item_failures.meter-reads.arrow.sealed']);
});

test('a chart of failures by response code shows each code’s failures summed over every signifier row', async ({ page }) => {
  const failures = (buildFixtureDatasets(party).item_failures?.toArray() ?? []) as {
    item_id: string;
    response_code: string;
    failures: number;
  }[];
  const byCode = new Map<string, number>();
  for (const r of failures.filter((f) => f.item_id === 'SCH-5.1'))
    byCode.set(r.response_code, (byCode.get(r.response_code) ?? 0) + r.failures);
  expect(byCode.size).toBeGreaterThan(1);
  await signIn(page, party, FIXTURE_MONTH, '?role=IS&view=bp-scheduling');
  await settle(page);
  const labels = await page
    .locator('[data-chart="sch-5-1-codes"] [data-tip]')
    .evaluateAll((marks) => marks.map((m) => m.getAttribute('aria-label')));
  // most failures first, each bar named by its code and its exact sum
  expect(labels).toEqual([...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code}: ${n}`));
});
