/** Signing in to the fixture's party microsite and waiting for its charts, shared by the party e2e specs. */
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { FIXTURE_MONTH, FIXTURE_PARTIES, buildFixtureDatasets, toCredential, type FixtureParty } from '../site/sealedFixture.ts';

export const party = FIXTURE_PARTIES[0] as FixtureParty;
export const outDir = join(process.cwd(), 'test-results', 'e2e-site', 'out');

/** Requests of one business process in a party's fixture month (what the overview and the trend show). */
export function processRequests(p: FixtureParty, month: string, bp: string): number {
  const rows = buildFixtureDatasets(p, month).item_monthly?.toArray() as { business_process: string; requests: number }[];
  return rows.filter((r) => r.business_process === bp).reduce((n, r) => n + Number(r.requests), 0);
}

export async function signIn(page: Page, p: FixtureParty, month = FIXTURE_MONTH, search = ''): Promise<void> {
  await page.goto(`/${month}/u/${p.slug}/${search}#k=${toCredential(p)}`);
  await expect(page.getByTestId('party-name')).toHaveText(p.partyName);
}

/** Wait until no chart of the page is loading or drawing. */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('[data-pending]')).toHaveCount(0);
}

/** Plot flags a chart drawn from data it distrusts with a "⚠️" text mark (titled "… Please check the console."). */
export async function expectNoPlotWarning(page: Page): Promise<void> {
  await settle(page);
  const marks = await page.locator('[data-chart] svg text').evaluateAll((texts) => texts.map((t) => t.textContent ?? ''));
  expect(marks.length).toBeGreaterThan(0);
  expect(marks.filter((t) => t.includes('\u26a0'))).toEqual([]);
}
