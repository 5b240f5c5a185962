import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Chart } from '../../src/islands/party/Chart.tsx';
import { CHROMIUM_ARGS, findPrintChromium } from '../../src/lib/chromium.ts';
import { PDF_PAPER } from '../../src/pipeline/pack-pdf/pdfPage.ts';
import { toPageTexts } from './pdfText.ts';

// Tables longer than a page (so the chart cannot stay whole), each starting a little further down the page. Without
// the rule that keeps a head with its first row, one of these heads was left alone at a page foot.
const TABLES = 12;
const ROWS = 70;
const chart = (n: number): string =>
  renderToStaticMarkup(
    createElement(Chart, {
      spec: {
        id: `t${n}`,
        title: `Failures by response code ${n}`,
        dataset: 'item_codes',
        mark: 'table',
        note: 'Every row is in the CSV.',
      },
      columns: ['response_code', 'failures', 'no_response'],
      rows: Array.from({ length: ROWS }, (_, r) => ({ response_code: `E${r}`, failures: 1000 - r, no_response: r })),
      fileName: `t${n}`,
    }),
  );

/** The site's style sheets, in the order Base.astro imports them. */
const STYLES = ['base', 'report', 'print', 'standing'];

describe('print layout of long tables', () => {
  it('keeps a table head with its first row: no page ends with a head line', async () => {
    const css = (await Promise.all(STYLES.map((name) => readFile(`src/styles/${name}.css`, 'utf8')))).join('\n');
    const body = Array.from({ length: TABLES }, (_, n) => `<p style="height:${60 + n * 47}px">Spacer ${n}</p>${chart(n)}`).join('');
    const html = `<!doctype html><html><head><style>${css}</style></head><body><div class="print-report" data-print-root>${body}</div></body></html>`;
    const browser = await chromium.launch({ executablePath: findPrintChromium(), args: CHROMIUM_ARGS });
    const dir = await mkdtemp(join(tmpdir(), 'cars-breaks-'));
    try {
      const page = await browser.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html);
      await writeFile(join(dir, 'breaks.pdf'), await page.pdf({ ...PDF_PAPER }));
    } finally {
      await browser.close();
    }
    const isHead = (line: string): boolean => /^Response code\s{2,}Failures\s{2,}No response$/.test(line.trim());
    const pages = toPageTexts(join(dir, 'breaks.pdf'), '-layout').map((p) => p.split('\n').filter((l) => l.trim()));
    // A head repeats on each page its table runs onto.
    expect(pages.flat().filter(isHead).length).toBeGreaterThanOrEqual(TABLES);
    const ending = pages.flatMap((lines, i) => (isHead(lines.at(-1) ?? '') ? [i + 1] : []));
    expect(ending).toEqual([]);
  });
});
