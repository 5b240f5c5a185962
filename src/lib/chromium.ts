import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const exists = (path: string | undefined): path is string => Boolean(path) && existsSync(path as string);

/** Executables of Playwright's cached browsers whose folder name starts with `prefix`, newest first. */
function cachedBrowsers(prefix: string, executables: readonly string[]): string[] {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((d) => d.startsWith(prefix))
    .sort()
    .reverse()
    .flatMap((dir) => executables.map((e) => join(cache, dir, e)));
}

/** Chromium to drive: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or a browser in Playwright's cache. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  candidates.push(...cachedBrowsers('chromium', ['chrome-linux/chrome', 'chrome-linux64/chrome']));
  return candidates.find(exists);
}

/**
 * The browser pack-pdf prints with: $CHROMIUM_PATH, else Chromium's headless shell (Debian's chromium-headless-shell
 * or Playwright's), else the browser findChromium finds. The shell runs no browser UI: it printed the largest
 * party's tagged report in about half the time.
 */
export function findPrintChromium(): string | undefined {
  const shells = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium-headless-shell',
    ...cachedBrowsers('chromium_headless_shell', ['chrome-linux/headless_shell', 'chrome-headless-shell-linux64/chrome-headless-shell']),
  ];
  return shells.find(exists) ?? findChromium();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
