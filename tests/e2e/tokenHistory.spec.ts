/**
 * What a real Chromium profile keeps on disk after a sign-in: the token must not reach History (nor Visited Links,
 * Sessions, Favicons…). Each test runs its own persistent profile, closes the browser, then reads the files.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { FIXTURE_EARLIER_MONTH, FIXTURE_MONTH, FIXTURE_PARTIES, toCredential, type FixtureParty } from '../site/sealedFixture.ts';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';
import { guardPage } from './guard.ts';

const party = FIXTURE_PARTIES[0] as FixtureParty;
const credential = toCredential(party);
const token = credential.slice(credential.indexOf('.') + 1);
// The address the recipient is given for a paste-first sign-in carries no token.
const reportPath = `/${FIXTURE_MONTH}/u/${party.slug}/`;

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });

/** Every profile file holding `text`, as ASCII or as UTF-16 (how Chromium stores web storage values). */
function findText(profile: string, text: string): string[] {
  const needles = [Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')];
  return listFiles(profile)
    .filter((file) => {
      const bytes = readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    })
    .map((file) => relative(profile, file));
}
const findToken = (profile: string): string[] => findText(profile, token);

/** The URLs of the profile's History database (read from a copy, as Chromium keeps the file locked while open). */
function readHistoryUrls(profile: string): string[] {
  const copy = join(profile, 'History.copy');
  copyFileSync(join(profile, 'Default', 'History'), copy);
  const urls = execFileSync('sqlite3', ['-readonly', copy, 'SELECT url FROM urls ORDER BY id'], { encoding: 'utf8' });
  rmSync(copy);
  return urls.split('\n').filter(Boolean);
}

/** Run `use` in a fresh persistent profile, close the browser (so every file is written), and hand back the profile folder. */
async function withProfile(
  baseURL: string | undefined,
  use: (page: Page, context: BrowserContext) => Promise<void>,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'cars-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    baseURL,
    ...options,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const guard = guardPage(page, new URL(baseURL ?? '').origin);
    await use(page, context);
    expect(guard.problems).toEqual([]);
  } finally {
    await context.close();
  }
  return profile;
}

async function expectUnlocked(page: Page): Promise<void> {
  await expect(page.getByTestId('party-name')).toHaveText(party.partyName);
}

/** History was written (the report's address is in it) and no file of the profile but the tab's session storage holds the token. */
function expectNoTokenKept(profile: string): void {
  const urls = readHistoryUrls(profile);
  expect(urls.some((url) => url.endsWith(reportPath))).toBe(true);
  expect(findText(profile, reportPath).filter((file) => file.startsWith(join('Default', 'Sessions')))).not.toEqual([]);
  expect(urls.filter((url) => url.includes(token))).toEqual([]);
  expect(findToken(profile).filter((file) => !file.startsWith(join('Default', 'Session Storage')))).toEqual([]);
}

test('pasting the sign-in link on the sign-in page keeps the token out of History, Visited Links and Sessions', async ({ baseURL }) => {
  const profile = await withProfile(baseURL, async (page) => {
    await page.goto(`/${FIXTURE_MONTH}/`);
    await page.getByLabel(/Report address/).fill(`${baseURL}${reportPath}#k=${credential}`);
    await page.getByRole('button', { name: 'Open report' }).click();
    await expectUnlocked(page);
    await expect(page).toHaveURL(`${baseURL}${reportPath}`);
    // Moving to another month keeps the credential in the tab, not in an address.
    await page.getByLabel('Month', { exact: true }).selectOption(FIXTURE_EARLIER_MONTH);
    await expect(page.getByText(`Report for ${FIXTURE_EARLIER_MONTH}`)).toBeVisible();
  });
  expectNoTokenKept(profile);
  rmSync(profile, { recursive: true, force: true });
});

test('pasting the token on the report’s own address keeps it out of History, Visited Links and Sessions', async ({ baseURL }) => {
  const profile = await withProfile(baseURL, async (page) => {
    await page.goto(reportPath);
    await page.getByLabel('Access key').fill(credential);
    await page.getByRole('button', { name: 'Open report' }).click();
    await expectUnlocked(page);
    await page.reload();
    await expectUnlocked(page);
  });
  expectNoTokenKept(profile);
  rmSync(profile, { recursive: true, force: true });
});

test('a sign-in form sent before its script runs (or without it) puts no token in the address', async ({ baseURL }) => {
  const landing = `/${FIXTURE_MONTH}/`;
  const profile = await withProfile(
    baseURL,
    async (page) => {
      await page.goto(landing);
      await page.getByLabel(/Report address/).fill(`${baseURL}${reportPath}#k=${credential}`);
      await page.getByLabel(/Access key/).fill(credential);
      await page.getByLabel(/Access key/).press('Enter');
      await page.waitForURL((url) => url.search !== '' || url.href.endsWith('?'));
      expect(page.url()).not.toContain(token);
    },
    { javaScriptEnabled: false },
  );
  const urls = readHistoryUrls(profile);
  expect(urls.some((url) => url.endsWith(`${landing}?`))).toBe(true);
  expect(urls.filter((url) => url.includes(token))).toEqual([]);
  expect(findToken(profile)).toEqual([]);
  rmSync(profile, { recursive: true, force: true });
});

// Why sign-in is paste-first: Chromium writes the address it opens to History when the page commits, before any
// script of the page can read and strip the fragment. This also shows the checks above can see a token.
test('opening a link that carries the token leaves it in History although the page strips it at once', async ({ baseURL }) => {
  const profile = await withProfile(baseURL, async (page) => {
    await page.goto(`${reportPath}#k=${credential}`);
    await expectUnlocked(page);
    await expect(page).toHaveURL(`${baseURL}${reportPath}`);
  });
  expect(readHistoryUrls(profile).filter((url) => url.includes(token))).toHaveLength(1);
  expect(findToken(profile)).toEqual(expect.arrayContaining([join('Default', 'History')]));
  rmSync(profile, { recursive: true, force: true });
});
