// Benchmark: every view of one party's report, timed from the click that opens it (benchmark only).
// usage: node scripts/benchViews.ts --out DIR --secrets DIR --party P
// Per view: `firstChart`, click → the view's first chart drawn (an SVG or table inside [data-chart]); `settled`,
// click → nothing in the view still loading or drawing ([data-pending] gone), which is when a reader can use it.
import { parseArgs } from 'node:util';
import { openReportBench } from './benchBrowser.ts';

interface ViewTime {
  role: string;
  view: string;
  firstChart: number | null;
  settled: number;
}

/** Runs in the page: click the nav button at `index`, then watch frames until its view has drawn and settled. */
const openView = (index: number): Promise<{ view: string; firstChart: number | null; settled: number }> =>
  new Promise((resolve, reject) => {
    const button = document.querySelectorAll<HTMLButtonElement>('.report-nav button')[index];
    if (!button) return reject(new Error(`no view button ${index}`));
    const title = button.textContent ?? '';
    const started = performance.now();
    let firstChart: number | null = null;
    const watch = (): void => {
      const section = document.querySelector('section.report-view');
      const current = document.querySelector('.report-nav button[aria-current="page"]');
      const open = current === button && section !== null;
      if (open && firstChart === null && section.querySelector('[data-chart] svg, [data-chart] table')) {
        firstChart = performance.now() - started;
      }
      if (open && !section.querySelector('[data-pending]')) {
        resolve({ view: title, firstChart, settled: performance.now() - started });
        return;
      }
      if (performance.now() - started > 60_000) return reject(new Error(`view ${title} did not settle in 60 s`));
      requestAnimationFrame(watch);
    };
    button.click();
    requestAnimationFrame(watch);
  });

export async function timeViews(out: string, secrets: string, party: string): Promise<ViewTime[]> {
  const { address, browser, server } = await openReportBench(out, secrets, party);
  const times: ViewTime[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(address);
    await page.waitForSelector('.report-nav button');
    const roles = await page.locator('[aria-pressed]').count();
    for (let r = 0; r < Math.max(1, roles); r++) {
      if (roles > 0) await page.locator('[aria-pressed]').nth(r).click();
      const role = roles > 0 ? await page.locator('[aria-pressed]').nth(r).innerText() : '';
      const views = await page.locator('.report-nav button').count();
      // the overview is open first: open another view before timing it, so each timing starts from a click
      for (let v = views - 1; v >= 0; v--) {
        const t = await page.evaluate(openView, v);
        times.push({ role, view: t.view, firstChart: t.firstChart && Math.round(t.firstChart), settled: Math.round(t.settled) });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return times;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, secrets: { type: 'string' }, party: { type: 'string' } } });
  const times = await timeViews(values.out!, values.secrets!, values.party!);
  for (const t of times) console.log(`${t.role}\t${t.view}\tfirst chart ${t.firstChart ?? '-'} ms\tsettled ${t.settled} ms`);
  const slowest = times.reduce((a, b) => (b.settled > a.settled ? b : a));
  console.log(`slowest: ${slowest.role} ${slowest.view} settled ${slowest.settled} ms`);
}
