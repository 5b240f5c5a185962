// Metrics stage alone, on a month already ingested: seconds of every SQL step and table write, peak RSS, and
// whether each Parquet file is byte-identical to a reference build's (its metrics-manifest.json).
// usage: node scripts/benchMetrics.ts --work DIR --month M [--reference DIR/metrics-manifest.json] [--scratch DIR]
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readJsonFile } from '../src/lib/json.ts';
import { runMetrics } from '../src/pipeline/metrics/index.ts';

const { values } = parseArgs({
  options: {
    work: { type: 'string' },
    month: { type: 'string', default: '2025-10' },
    reference: { type: 'string' },
    scratch: { type: 'string', default: 'bench/work/metrics-only' },
  },
});
if (!values.work) throw new Error('--work DIR is required (a work folder holding <month>/ingest)');

// the scratch work folder sees the month's ingest output and writes its own metrics beside it
const scratch = resolve(values.scratch!);
await rm(scratch, { recursive: true, force: true });
await mkdir(join(scratch, values.month!), { recursive: true });
await symlink(resolve(values.work, values.month!, 'ingest'), join(scratch, values.month!, 'ingest'));

const steps: [string, number][] = [];
const started = performance.now();
const manifest = await runMetrics(
  { work: scratch, out: join(scratch, 'dist'), month: values.month! },
  { onStep: (n, s) => steps.push([n, s]) },
);
const total = (performance.now() - started) / 1000;
for (const [name, seconds] of steps.sort((a, b) => b[1] - a[1]))
  if (seconds >= 0.5) console.log(`${seconds.toFixed(1).padStart(7)} s  ${name}`);
console.log(`${total.toFixed(1).padStart(7)} s  total; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);

if (values.reference) {
  const tableSchema = z.object({ tables: z.array(z.object({ name: z.string(), sha256: z.string() })) });
  const reference = await readJsonFile(values.reference, tableSchema);
  const want = new Map(reference.tables.map((t) => [t.name, t.sha256]));
  const differ = manifest.tables.filter((t) => want.get(t.name) !== t.sha256).map((t) => t.name);
  console.log(differ.length ? `DIFFERENT from the reference: ${differ.join(', ')}` : 'every table byte-identical to the reference');
  if (differ.length) process.exitCode = 1;
}
