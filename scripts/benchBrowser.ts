// Time from navigation to the first drawn chart for one party, in headless Chromium (benchmark only).
// usage: node scripts/benchBrowser.ts --out DIR --secrets DIR --party P [--runs N]
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../src/cli/serve/staticServer.ts';
import { CHROMIUM_ARGS, findChromium } from '../src/lib/chromium.ts';

export async function timeFirstChart(out: string, secrets: string, party: string, runs: number): Promise<number[]> {
  const links = (await readFile(`${secrets}/sign-in-links.txt`, 'utf8')).split('\n').map((l) => l.split('\t'));
  const link = links.find(([id]) => id === party)?.[1];
  if (!link) throw new Error(`no sign-in link for ${party}`);
  const server = await startStaticServer(out, 0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      const started = Date.now();
      await page.goto(`${origin}${link}`);
      await page.locator('[data-chart] svg').first().waitFor({ timeout: 60_000 });
      times.push((Date.now() - started) / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return times;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, secrets: { type: 'string' }, party: { type: 'string' }, runs: { type: 'string', default: '3' } },
  });
  const times = await timeFirstChart(values.out!, values.secrets!, values.party!, Number(values.runs));
  console.log(JSON.stringify({ party: values.party, seconds: times }));
}
