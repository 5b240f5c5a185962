/**
 * JavaScript weight per page type of a built month: gzip bytes of the scripts a page loads.
 * "initial" = the page's script tags and modulepreload links and their static imports (the party shell preloads its UI chunk). Each signed-in
 * view is measured as one page view: initial plus every chunk reachable after sign-in, except the
 * view-only chunks (VIEW_CHUNKS: Explore, Downloads, the process pages, the league tables, the print report and its shapes, the other views' shapes, the CSV writer, which a chart loads with its first download, and every chart mark but the overview's dots), which load on demand. The budgeted
 * row is the first view after sign-in (the design's "first view ≤ 200 KB, later views load lazily"); each
 * view-only chunk is reported on top of it, and the union of every chunk, unbudgeted.
 *
 *   node scripts/jsBudget.ts dist/2025-10 [--budget-kb 200] [--json]
 * Exits 1 when any row is over budget.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'budget-kb': { type: 'string', default: '200' }, json: { type: 'boolean', default: false } },
});
const monthDir = resolve(positionals[0] ?? '');
if (!positionals[0] || !existsSync(join(monthDir, 'index.html'))) {
  console.error('usage: node scripts/jsBudget.ts <out>/<YYYY-MM> [--budget-kb 200] [--json]');
  process.exit(2);
}
const budget = Number(values['budget-kb']) * 1000;

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'`](\.\.?\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`](\.\.?\/[^"'`]+\.js)["'`]\s*\)/g;
const PRELOAD_DEP = /["'`](_assets\/[^"'`]+\.js)["'`]/g;

const gzipCache = new Map<string, number>();
const gzipBytes = (file: string): number => {
  let size = gzipCache.get(file);
  if (size === undefined) gzipCache.set(file, (size = gzipSync(readFileSync(file), { level: 9 }).length));
  return size;
};

/** Chunks only one kind of page view loads (lazy views of the party microsite, by source module name). */
const VIEW_CHUNKS = [
  'Explore',
  'Downloads',
  'ProcessCharts',
  'WithheldLast',
  'PrintReport',
  'printShapes',
  'viewShapes',
  'csv',
  'plotMarks',
];
const assetsDir = join(monthDir, '_assets');
const viewChunks = existsSync(assetsDir)
  ? readdirSync(assetsDir)
      .filter((f) => f.endsWith('.js') && VIEW_CHUNKS.includes(f.split('.')[0] ?? ''))
      .map((f) => join(assetsDir, f))
  : [];

/** Files reachable from `entries`: static imports always, dynamic ones (and preload lists) when `dynamic`; never `skip`. */
function closure(entries: readonly string[], dynamic: boolean, skip: readonly string[] = []): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || skip.includes(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(resolve(dirname(file), m[1] as string));
    if (dynamic) {
      for (const m of code.matchAll(DYNAMIC_IMPORT)) queue.push(resolve(dirname(file), m[1] as string));
      for (const m of code.matchAll(PRELOAD_DEP)) queue.push(join(monthDir, m[1] as string));
    }
  }
  return seen;
}

function pageScripts(html: string, page: string): string[] {
  const urls = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) => m[1] as string),
    ...[...html.matchAll(/<link\b[^>]*rel=["']?modulepreload["']?[^>]*href=["']?([^"' >]+)/gi)].map((m) => m[1] as string),
  ];
  const month = relative(dirname(monthDir), monthDir);
  return urls
    .map((u) => (u.startsWith('/') ? join(dirname(monthDir), u.replace(/^\//, '')) : resolve(dirname(page), u)))
    .filter((f) => f.includes(month));
}

const pageTypes: { type: string; page: string | undefined }[] = [
  { type: 'landing', page: join(monthDir, 'index.html') },
  { type: 'guidance', page: join(monthDir, 'guidance', 'background-and-scope', 'index.html') },
  { type: 'guidance search', page: join(monthDir, 'guidance', 'search', 'index.html') },
  {
    type: 'party microsite',
    page: existsSync(join(monthDir, 'u'))
      ? readdirSync(join(monthDir, 'u'))
          .map((slug) => join(monthDir, 'u', slug, 'index.html'))
          .find((p) => existsSync(p))
      : undefined,
  },
];

const rows: { pageType: string; files: number; gzipBytes: number; overBudget: boolean }[] = [];
const total = (files: Set<string>): number => [...files].reduce((n, f) => n + gzipBytes(f), 0);
for (const { type, page } of pageTypes) {
  if (!page || !existsSync(page)) continue;
  const entries = pageScripts(readFileSync(page, 'utf8'), page);
  const measure = (label: string, files: Set<string>, budgeted = true) =>
    rows.push({ pageType: label, files: files.size, gzipBytes: total(files), overBudget: budgeted && total(files) > budget });
  measure(type === 'party microsite' ? 'party microsite (before sign-in)' : type, closure(entries, false));
  if (type !== 'party microsite') continue;
  // The budget is the first view after sign-in (the overview and every chunk it loads); each view-only chunk
  // (Explore, Downloads, print) loads on demand when its view is opened, and is reported on top of it.
  const first = closure(entries, true, viewChunks);
  measure('party microsite (first view after sign-in)', first);
  for (const chunk of viewChunks) {
    const name = (chunk.split('/').pop() ?? '').split('.')[0] ?? chunk;
    const files = closure(
      [...entries, chunk],
      true,
      viewChunks.filter((c) => c !== chunk),
    );
    measure(`party microsite (${name} view, not budgeted)`, files, false);
  }
  measure('party microsite (every view, one visit; not budgeted)', closure(entries, true), false);
}

if (values.json) console.log(JSON.stringify({ budgetBytes: budget, rows }, null, 2));
else {
  console.log(`JavaScript per page type (gzip -9), budget ${(budget / 1000).toFixed(0)} KB`);
  for (const r of rows)
    console.log(
      `${r.pageType.padEnd(40)} ${String(r.files).padStart(3)} files ${(r.gzipBytes / 1000).toFixed(1).padStart(7)} KB${r.overBudget ? '  OVER BUDGET' : ''}`,
    );
}
process.exit(rows.some((r) => r.overBudget) ? 1 : 0);
