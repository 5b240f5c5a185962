// Time from navigation to the first drawn chart for one party, in headless Chromium (benchmark only).
// usage: node scripts/benchBrowser.ts --out DIR --secrets DIR --party P [--runs N]
// `seconds`: the page's own clock (navigation start → first chart SVG inserted), free of the test driver's polling;
// `wallSeconds`: the driver's clock around navigation and wait, as measured before.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../src/cli/serve/staticServer.ts';
import { CHROMIUM_ARGS, findChromium } from '../src/lib/chromium.ts';

const FIRST_CHART = '[data-chart] svg';

/** Runs in the page before its own scripts: note when the first chart SVG enters the document. */
function watchFirstChart(selector: string): void {
  const w = window as unknown as { carsFirstChartMs?: number };
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      w.carsFirstChartMs = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

export async function timeFirstChartRuns(
  out: string,
  secrets: string,
  party: string,
  runs: number,
): Promise<{ seconds: number; wallSeconds: number }[]> {
  const links = (await readFile(`${secrets}/sign-in-links.txt`, 'utf8')).split('\n').map((l) => l.split('\t'));
  const link = links.find(([id]) => id === party)?.[1];
  if (!link) throw new Error(`no sign-in link for ${party}`);
  const server = await startStaticServer(out, 0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const times: { seconds: number; wallSeconds: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.addInitScript(watchFirstChart, FIRST_CHART);
      const started = Date.now();
      await page.goto(`${origin}${link}`);
      await page.locator(FIRST_CHART).first().waitFor({ timeout: 60_000 });
      const wallSeconds = (Date.now() - started) / 1000;
      const inPage = await page.evaluate(() => (window as unknown as { carsFirstChartMs?: number }).carsFirstChartMs);
      if (inPage === undefined) throw new Error('the page did not record its first chart');
      times.push({ seconds: Math.round(inPage) / 1000, wallSeconds });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return times;
}

export async function timeFirstChart(out: string, secrets: string, party: string, runs: number): Promise<number[]> {
  return (await timeFirstChartRuns(out, secrets, party, runs)).map((t) => t.seconds);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

if (import.meta.main) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, secrets: { type: 'string' }, party: { type: 'string' }, runs: { type: 'string', default: '3' } },
  });
  const times = await timeFirstChartRuns(values.out!, values.secrets!, values.party!, Number(values.runs));
  const seconds = times.map((t) => t.seconds);
  const wallSeconds = times.map((t) => t.wallSeconds);
  console.log(JSON.stringify({ party: values.party, seconds, median: median(seconds), wallSeconds, wallMedian: median(wallSeconds) }));
}
