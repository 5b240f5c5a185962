/** The first view's dataset slow, refused or damaged at sign-in: the report still opens and says which parts are missing. */
import { expect, test, type Page } from '@playwright/test';
import { FIXTURE_MONTH, FIXTURE_PARTIES, buildFixtureDatasets, toCredential, type FixtureParty } from '../site/sealedFixture.ts';

const party = FIXTURE_PARTIES[0] as FixtureParty;
const DATASET = `/${FIXTURE_MONTH}/u/${party.slug}/data/item_monthly.arrow.sealed`;
const NETWORK_MESSAGE = 'These figures could not be loaded. Check your connection, then try again.';

/** The business processes of the party's first role (the overview's) in the fixture month. */
function expectedProcesses(): string[] {
  const rows = buildFixtureDatasets(party).item_monthly?.toArray() as { role: string; business_process: string }[];
  return [...new Set(rows.filter((r) => r.role === party.roles[0]).map((r) => r.business_process))].sort();
}

/** Answers the dataset with 503 while `failing.on`; counts every request for it. */
async function failDataset(page: Page): Promise<{ on: boolean; requests: number }> {
  const failing = { on: true, requests: 0 };
  await page.route(`**${DATASET}`, (route) => {
    failing.requests += 1;
    return failing.on ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue();
  });
  return failing;
}

/** Problems on the page other than the refused file's own 503 (which Chromium logs as a console error). */
function recordProblems(page: Page, refused: (url: string) => boolean = (url) => url.endsWith(DATASET)): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !refused(m.location().url)) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test('a dataset refused at sign-in: the report opens, its charts say so, and Try again draws them once it loads', async ({ page }) => {
  const problems = recordProblems(page);
  const failing = await failDataset(page);
  await page.goto(`/${FIXTURE_MONTH}/u/${party.slug}/#k=${toCredential(party)}`);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);

  const standing = page.locator('[data-chart="overview-standing"]');
  const headlines = page.locator('[data-chart="overview-headlines"]');
  await expect(standing.getByText(NETWORK_MESSAGE)).toBeVisible();
  await expect(headlines.getByText(NETWORK_MESSAGE)).toBeVisible();
  // the charts of other datasets are not held up by it
  await expect(page.locator('[data-chart="overview-league"] table')).toBeVisible();
  // the earlier months arrive later and make the standing table load again: let that happen while still refused
  await page.waitForLoadState('networkidle');
  const refused = failing.requests;
  expect(refused).toBeGreaterThan(0);

  failing.on = false;
  await standing.getByRole('button', { name: 'Try again' }).click();
  const processes = standing.locator('tbody th[scope="row"]');
  await expect(processes).toHaveCount(expectedProcesses().length);
  expect((await processes.allTextContents()).sort()).toEqual(expectedProcesses());
  await headlines.getByRole('button', { name: 'Try again' }).click();
  await expect(headlines.locator('svg').first()).toBeVisible();
  await expect(page.getByText(NETWORK_MESSAGE)).toHaveCount(0);
  expect(failing.requests).toBeGreaterThan(refused);
  expect(problems).toEqual([]);
});

test('a slow dataset at sign-in holds back only its own charts: the report shows, and they draw once it arrives', async ({ page }) => {
  const problems = recordProblems(page);
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  await page.route(`**${DATASET}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/${FIXTURE_MONTH}/u/${party.slug}/#k=${toCredential(party)}`);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
  const standing = page.locator('[data-chart="overview-standing"]');
  const headlines = page.locator('[data-chart="overview-headlines"]');
  await expect(standing.getByText('Loading…')).toBeVisible();
  await expect(headlines).toHaveAttribute('data-pending', 'true');
  await expect(page.locator('[data-chart="overview-league"] table')).toBeVisible();
  release();
  await expect(headlines.locator('svg').first()).toBeVisible();
  await expect(standing.locator('tbody th[scope="row"]')).toHaveCount(expectedProcesses().length);
  expect(problems).toEqual([]);
});

test('a damaged dataset is reported as damaged, with no offer to try again', async ({ page }) => {
  const problems = recordProblems(page);
  await page.route(`**${DATASET}`, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] = (body[body.length - 1] as number) ^ 0xff;
    await route.fulfill({ response, body });
  });
  await page.goto(`/${FIXTURE_MONTH}/u/${party.slug}/#k=${toCredential(party)}`);
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
  const headlines = page.locator('[data-chart="overview-headlines"]');
  await expect(headlines.getByText(/damaged or were changed after publication/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  expect(problems).toEqual([]);
  // a later request for the file (the page may ask again) must not outlive the test in the route's fetch
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a view whose code is refused says so, and Try again opens it once the code loads', async ({ page }) => {
  const chunk = /\/Explore\.[^/]+\.js$/;
  const problems = recordProblems(page, (url) => chunk.test(url));
  const failing = { on: true, requests: 0 };
  await page.route(chunk, (route) => {
    failing.requests += 1;
    return failing.on ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue();
  });
  await page.goto(`/${FIXTURE_MONTH}/u/${party.slug}/?role=IS&view=explore#k=${toCredential(party)}`);
  const view = page.locator('section[data-view="explore"]');
  await expect(view.getByText('This page could not be loaded. Check your connection, then try again.')).toBeVisible();
  expect(failing.requests).toBeGreaterThan(0);

  failing.on = false;
  await view.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('[data-chart="explore-result"] svg').first()).toBeVisible();
  await expect(page.locator('[data-chart="explore-result"] td[data-column="requests"]').first()).toBeAttached();
  await expect(view.getByText('This page could not be loaded.', { exact: false })).toHaveCount(0);
  expect(problems).toEqual([]);
});
