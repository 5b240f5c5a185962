// Benchmark: generation and every pipeline stage at chosen scales; prints a table and saves JSON.
// usage: npm run bench -- [--scales small,large] [--stages LIST] [--reuse] [--keep-work] [--floor] [--threads N] [--alerts-per-request R]
// (--threads N: DuckDB threads of every stage; --alerts-per-request R: generated alert volume, see cars sample)
// (--floor also times the least DuckDB work the requirements imply; --reuse keeps generated data under bench/work/<scale>/data; --keep-work keeps earlier stages' output, to time later stages alone)
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, queryRows } from '../src/lib/duckdb.ts';
import { median, timeFirstChart } from './benchBrowser.ts';
import { reader, requestFiles, timeFloorQueries, timeScan } from './benchFloor.ts';
import { toHistoryMonths } from '../src/lib/month.ts';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: 'small,large' },
    stages: { type: 'string', default: 'ingest,metrics,partition,audit,pack-csv,seal,site,pack-pdf' },
    month: { type: 'string', default: '2025-10' },
    root: { type: 'string', default: 'bench/work' },
    reuse: { type: 'boolean', default: false },
    'keep-work': { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    threads: { type: 'string' },
    'alerts-per-request': { type: 'string' },
  },
});

interface Row {
  scale: string;
  step: string;
  seconds: number;
  peakRssMiB: number;
  requests: number;
  requestsPerSecond: number;
  ratioToScan: number | null;
}

const cli = resolve('src/cli/main.ts');

async function runCars(args: string[]): Promise<{ seconds: number; peakRssMiB: number }> {
  const rssFile = join(resolve(values.root!), `.rss-${process.pid}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CARS_RSS_FILE: rssFile, CARS_QUIET: '1', ...(values.threads ? { CARS_DUCKDB_THREADS: values.threads } : {}) },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`cars ${args.join(' ')} exited ${result.status}`);
  const rss = existsSync(rssFile) ? Number(await readFile(rssFile, 'utf8')) : 0;
  return { seconds, peakRssMiB: Math.round(rss / 2 ** 20) };
}

const alertVolume = values['alerts-per-request'] ? ['--alerts-per-request', values['alerts-per-request']] : [];

async function inputFiles(data: string, month: string): Promise<string[]> {
  const files: string[] = [];
  for (const m of toHistoryMonths(month)) {
    const dir = join(data, m);
    if (!existsSync(dir)) continue;
    for (const name of await readdir(dir)) files.push(join(dir, name));
  }
  return files;
}

async function countRequests(data: string, month: string): Promise<number> {
  const { db } = await openDb();
  const [file] = requestFiles(data, [month]);
  if (!file) throw new Error(`no service_requests file in ${join(data, month)}`);
  const [row] = await queryRows<{ n: bigint | number }>(db, `select count(*) as n from ${reader(file)}`);
  return Number(row?.n ?? 0);
}

const volumes: { scale: string; month: string; requests: number; alerts: number }[] = [];

async function countRows(data: string, month: string, name: string): Promise<number> {
  const file = ['parquet', 'csv'].map((ext) => join(data, month, `${name}.${ext}`)).find((f) => existsSync(f));
  if (!file) return 0;
  const { db } = await openDb();
  const [row] = await queryRows<{ n: bigint | number }>(db, `select count(*) as n from ${reader(file)}`);
  return Number(row?.n ?? 0);
}

async function benchScale(scale: string, month: string, stages: string[]): Promise<Row[]> {
  const root = resolve(values.root!, scale);
  const data = join(root, 'data');
  const format = scale === 'large' ? 'parquet' : 'csv';
  const reuse = values.reuse && existsSync(join(data, month));
  const outputs = values['keep-work'] ? [] : ['dist', 'work', 'secrets', 'host', 'archive'];
  for (const dir of [...outputs, ...(reuse ? [] : ['data'])]) await rm(join(root, dir), { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const rows: Row[] = [];
  const generate = reuse
    ? undefined
    : await runCars(['sample', '--scale', scale, '--seed', '1', '--out', data, '--format', format, '--month', month, ...alertVolume]);
  const requests = await countRequests(data, month);
  const alerts = await countRows(data, month, 'alerts');
  console.error(`${scale}: ${requests} requests, ${alerts} alerts in ${month}`);
  volumes.push({ scale, month, requests, alerts });
  const scanSeconds = await timeScan(await inputFiles(data, month));
  const add = (step: string, r: { seconds: number; peakRssMiB: number }) => {
    rows.push({ scale, step, ...r, requests, requestsPerSecond: Math.round(requests / r.seconds), ratioToScan: r.seconds / scanSeconds });
    console.error(`${scale} ${step}: ${r.seconds.toFixed(1)} s, peak ${r.peakRssMiB} MiB`);
  };
  if (generate) add('generate (3 months)', generate);
  rows.push({
    scale,
    step: 'duckdb scan of inputs',
    seconds: scanSeconds,
    peakRssMiB: 0,
    requests,
    requestsPerSecond: Math.round(requests / scanSeconds),
    ratioToScan: 1,
  });
  if (values.floor) {
    const floor = await timeFloorQueries(data, month);
    for (const f of floor) add(f.step, { seconds: f.seconds, peakRssMiB: 0 });
    add('floor: scan + the three', { seconds: scanSeconds + floor.reduce((s, f) => s + f.seconds, 0), peakRssMiB: 0 });
  }
  const outWork = ['--out', join(root, 'dist'), '--work', join(root, 'work')];
  const common = ['--data', data, '--month', month, ...outWork, '--secrets', join(root, 'secrets')];
  let pipelineSeconds = 0;
  let pipelinePeak = 0;
  for (const stage of stages) {
    const r = await runCars(['build', ...common, '--stages', stage]);
    add(stage, r);
    if (['ingest', 'metrics', 'partition'].includes(stage)) {
      pipelineSeconds += r.seconds;
      pipelinePeak = Math.max(pipelinePeak, r.peakRssMiB);
    }
  }
  if (pipelineSeconds > 0) add('ingest+metrics+partition', { seconds: pipelineSeconds, peakRssMiB: pipelinePeak });
  if (stages.includes('site')) {
    const archiveDir = join(root, 'archive');
    const secrets = ['--secrets', join(root, 'secrets')];
    add('archive', await runCars(['archive', '--month', month, ...outWork, ...secrets, '--archive-dir', archiveDir, '--force']));
    add('verify', await runCars(['verify', join(archiveDir, `${month}.tar`), '--out', join(root, 'dist')]));
    const party = await largestParty(join(root, 'work'), month);
    const times = await timeFirstChart(join(root, 'dist'), join(root, 'secrets'), party, 3);
    extras.push({ scale, firstChartSeconds: times, party, js: jsWeights(join(root, 'dist', month)) });
  }
  return rows;
}

interface Extra {
  scale: string;
  party: string;
  firstChartSeconds: number[];
  js: { pageType: string; gzipBytes: number }[];
}
const extras: Extra[] = [];

async function largestParty(work: string, month: string): Promise<string> {
  const { db } = await openDb();
  await db.run(`ATTACH '${join(work, month, 'ingest', 'month.duckdb')}' AS src (READ_ONLY)`);
  const [row] = await queryRows<{ party_id: string }>(
    db,
    `SELECT party_id FROM src.service_requests WHERE month = '${month}' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  return row!.party_id;
}

function jsWeights(monthDir: string): Extra['js'] {
  const result = spawnSync(process.execPath, ['scripts/jsBudget.ts', monthDir, '--json'], { encoding: 'utf8' });
  return (JSON.parse(result.stdout) as { rows: Extra['js'] }).rows.map((r) => ({ pageType: r.pageType, gzipBytes: r.gzipBytes }));
}

function printTable(rows: Row[]): void {
  const header = ['scale', 'step', 'seconds', 'peak RSS MiB', 'requests', 'requests/s', 'x scan'];
  const lines = rows.map((r) => [
    r.scale,
    r.step,
    r.seconds.toFixed(1),
    String(r.peakRssMiB || '-'),
    String(r.requests),
    r.requestsPerSecond.toLocaleString('en-GB'),
    r.ratioToScan === null ? '-' : r.ratioToScan.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log([fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n'));
}

const all: Row[] = [];
for (const scale of values.scales!.split(',')) all.push(...(await benchScale(scale, values.month!, values.stages!.split(','))));
printTable(all);
for (const e of extras) {
  const sorted = [...e.firstChartSeconds].sort((a, b) => a - b);
  console.log(
    `\n${e.scale}: first chart for the largest party (${e.party}): median ${median(sorted).toFixed(2)} s of ${sorted.map((t) => t.toFixed(2)).join(', ')}`,
  );
  for (const js of e.js) console.log(`  JS ${js.pageType}: ${(js.gzipBytes / 1000).toFixed(1)} KB gzip`);
}
await mkdir('bench/results', { recursive: true });
const file = join('bench/results', `bench-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.json`);
await writeFile(
  file,
  JSON.stringify(
    {
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version, loadAverage: (await import('node:os')).loadavg() },
      duckdbThreads: values.threads ?? 'default',
      alertsPerRequest: values['alerts-per-request'] ?? 'scale default',
      volumes,
      rows: all,
      extras,
    },
    null,
    2,
  ),
);
console.log(`saved ${file}`);
