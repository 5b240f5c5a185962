/** The party microsite's addresses and navigation: views and settings in the address, drill-down, splits, the parts a page fetches. */
import { expect, test } from '@playwright/test';
import { FIXTURE_EARLIER_MONTH, FIXTURE_MONTH, buildFixtureDatasets, toCredential } from '../site/sealedFixture.ts';
import { REPORT_ITEMS } from '../../src/shared/reportItems.ts';
import { ROLE_NAMES } from '../reportRegistry.ts';
import { expectNoAxeViolations, guardEveryTest } from './guard.ts';
import { party, settle, signIn } from './partyPage.ts';

guardEveryTest();

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

test('a drill-down from a region slice opens the SRV alone with its own root-cause table on regions', async ({ page }) => {
  await signIn(page, party, FIXTURE_MONTH, '?role=IS&view=bp-meter-reads');
  const all = page.locator('[data-chart="meter-reads-all-causes"]');
  await all.getByLabel('Dimension').selectOption({ label: 'Region' });
  await all.getByRole('button', { name: 'Show failures of MR-4.6.1 in North' }).click();
  await expect(page).toHaveURL(/[?&]slice=region%3ANorth(&|$)/);
  // the SRV's table was on the page before (all SRVs): it follows the address the drill-down wrote
  const own = page.locator('[data-chart="mr-4-6-1-causes"]');
  await expect(own.getByLabel('Dimension')).toHaveValue('region');
  await expect(own.locator('td[data-column="slice"]')).toHaveText(['North']);
  // its row is the one shown: marked, with no "Show" to press again
  await expect(own.locator('tr.chosen-row td[data-column="slice"]')).toHaveText(['North']);
  await expect(own.locator('tr.chosen-row')).toContainText('Shown below');
  await expect(own.locator('tr.chosen-row').getByRole('button')).toHaveCount(0);
  await page.goBack();
  await expect(all.getByLabel('Dimension')).toHaveValue('region');
  await expect(own.getByLabel('Dimension')).toHaveValue('model');
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
