/** The party microsite's figures across two built months: switcher, where you stand, tooltips, root causes, notes, withheld industry. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  FIXTURE_EARLIER_MONTH,
  FIXTURE_MONTH,
  FIXTURE_NEW_PARTY,
  FIXTURE_PARTIES,
  buildFixtureDatasets,
  type FixtureParty,
} from '../site/sealedFixture.ts';
import { expectNoAxeViolations, guardEveryTest } from './guard.ts';
import { outDir, party, processRequests, settle, signIn } from './partyPage.ts';

// Rates as the report writes them: as en-GB Intl does (ties away from zero), worked out here, not by the report's code.
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

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

test('Explore over a range spanning both months sums each month’s cells, per month and as one total', async ({ page }) => {
  const requestsIn = (month: string): number =>
    (buildFixtureDatasets(party, month).item_daily?.toArray() as { requests: number }[]).reduce((n, r) => n + Number(r.requests), 0);
  const [earlier, later] = [requestsIn(FIXTURE_EARLIER_MONTH), requestsIn(FIXTURE_MONTH)];
  expect(earlier).toBeGreaterThan(0);
  expect(later).toBeGreaterThan(0);
  await signIn(page, party, FIXTURE_MONTH, '?role=IS&view=explore');
  const requests = page.locator('[data-chart="explore-result"] td[data-column="requests"]');
  await page.getByLabel('From').fill(`${FIXTURE_EARLIER_MONTH}-01`);
  await page.getByLabel('Group by').selectOption('month');
  await expect(requests).toHaveCount(2);
  expect(await requests.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))))).toEqual([earlier, later]);
  await page.getByLabel('Group by').selectOption({ label: 'Nothing (one total)' });
  await expect(requests).toHaveCount(1);
  await expect(requests).toHaveAttribute('data-value', String(earlier + later));
});
