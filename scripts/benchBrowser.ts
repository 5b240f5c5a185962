// Time from navigation to the first drawn chart for one party, in headless Chromium (benchmark only).
// usage: node scripts/benchBrowser.ts --out DIR --secrets DIR --party P [--runs N] [--fresh-window]
// `seconds`: the page's own clock (navigation start → first chart SVG inserted); `wallSeconds`: the driver's clock
// around navigation and wait. No locator is used: it would evaluate Playwright's selector engine in the page
// (≈ 0.1 s of main thread on this machine) while the report is opening. Each run has a fresh context (cold cache);
// its window is left to go idle before the navigation, as a reader's open browser is (`--fresh-window` does not wait).
import { readFile } from 'node:fs/promises';
import type { AddressInfo, Server } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { startStaticServer } from '../src/cli/serve/staticServer.ts';
import { CHROMIUM_ARGS, findChromium } from '../src/lib/chromium.ts';

const FIRST_CHART = '[data-chart] svg';

/** Runs in the page before its own scripts: `carsFirstChart` resolves to the time the first chart SVG entered the document. */
const watchFirstChart = (selector: string): string => `window.carsFirstChart = new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    if (document.querySelector(${JSON.stringify(selector)})) {
      observer.disconnect();
      resolve(performance.now());
    }
  });
  observer.observe(document, { childList: true, subtree: true });
});`;

/** CPU seconds all the browser's processes have used so far. */
async function readBrowserCpuSeconds(cdp: CDPSession): Promise<number> {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
}

/**
 * A new headless window loads Chromium's own address-bar popup (a WebUI page, ≈ 1.5 s of CPU here) in a second
 * renderer; on two cores it competed with the page under test. Wait until the browser uses < 20 ms per 250 ms.
 */
async function waitForIdleBrowser(cdp: CDPSession): Promise<void> {
  let last = await readBrowserCpuSeconds(cdp);
  for (let i = 0; i < 40; i++) {
    await new Promise((done) => setTimeout(done, 250));
    const now = await readBrowserCpuSeconds(cdp);
    if (now - last < 0.02) return;
    last = now;
  }
  // the run is still timed, but the figure includes the browser's own start-up work
  console.warn('first chart: the browser did not go idle within 10 s; this run is measured anyway');
}

/** A static server over `out` and a browser, with the party's sign-in address on that server (benchmarks only). */
export async function openReportBench(
  out: string,
  secrets: string,
  party: string,
): Promise<{ address: string; browser: Browser; server: Server }> {
  const links = (await readFile(`${secrets}/sign-in-links.txt`, 'utf8')).split('\n').map((l) => l.split('\t'));
  const link = links.find(([id]) => id === party)?.[1];
  if (!link) throw new Error(`no sign-in link for ${party}`);
  const server = await startStaticServer(out, 0);
  const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}${link}`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  return { address, browser, server };
}

export async function timeFirstChartRuns(
  out: string,
  secrets: string,
  party: string,
  runs: number,
  freshWindow = false,
): Promise<{ seconds: number; wallSeconds: number }[]> {
  const { address, browser, server } = await openReportBench(out, secrets, party);
  const cdp = await browser.newBrowserCDPSession();
  const times: { seconds: number; wallSeconds: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      if (!freshWindow) {
        await page.goto('about:blank');
        await waitForIdleBrowser(cdp);
      }
      await page.addInitScript(watchFirstChart(FIRST_CHART));
      const started = Date.now();
      await page.goto(address, { waitUntil: 'domcontentloaded' });
      const inPage: unknown = await page.evaluate('window.carsFirstChart');
      const wallSeconds = (Date.now() - started) / 1000;
      if (typeof inPage !== 'number') throw new Error('the page did not record its first chart');
      times.push({ seconds: Math.round(inPage) / 1000, wallSeconds });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return times;
}

export async function timeFirstChart(out: string, secrets: string, party: string, runs: number, freshWindow = false): Promise<number[]> {
  return (await timeFirstChartRuns(out, secrets, party, runs, freshWindow)).map((t) => t.seconds);
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      secrets: { type: 'string' },
      party: { type: 'string' },
      runs: { type: 'string', default: '3' },
      'fresh-window': { type: 'boolean', default: false },
    },
  });
  const times = await timeFirstChartRuns(values.out!, values.secrets!, values.party!, Number(values.runs), values['fresh-window']);
  const seconds = times.map((t) => t.seconds);
  const wallSeconds = times.map((t) => t.wallSeconds);
  console.log(JSON.stringify({ party: values.party, seconds, median: median(seconds), wallSeconds, wallMedian: median(wallSeconds) }));
}
