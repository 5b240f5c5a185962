import type { Command } from '../command.ts';
import { monthOption, textOption } from '../options.ts';
import { CarsError } from '../../lib/errors.ts';
import { parseMonth } from '../../lib/month.ts';
import { writeSample, type SampleSummary } from '../../tools/sample/index.ts';
import { SCALE_SPECS, scaleSchema } from '../../tools/sample/scales.ts';
import { FILES } from '../../pipeline/contract.ts';

const toInteger = (value: unknown, name: string, min: number, max: number): number => {
  const text = String(value);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new CarsError(`${name} must be an integer from ${min} to ${max}`, text, `--${name}`);
  return n;
};

const toRatio = (value: unknown, name: string, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || n <= 0 || n > max)
    throw new CarsError(`${name} must be a number above 0 and at most ${max}`, text, `--${name}`);
  return n;
};

/** The summary as a fixed-width table: one row per month, one column per file, then parties per role. */
export function toSummaryTable(summary: SampleSummary): string {
  const headers = ['month', ...FILES.map((f) => f.name)];
  const rows = summary.months.map((m) => [m.month, ...FILES.map((f) => (m.rows[f.name] ?? 0).toLocaleString('en-GB'))]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const roles = Object.entries(summary.partiesPerRole)
    .map(([role, n]) => `${role} ${n}`)
    .join(', ');
  return [
    `sample ${summary.scale} (seed ${summary.seed}, ${summary.format}) → ${summary.out}`,
    line(headers),
    ...rows.map(line),
    `parties per role: ${roles}`,
  ].join('\n');
}

export const sample: Command = {
  name: 'sample',
  summary: 'generate a deterministic sample dataset (input contract, several months)',
  usage:
    'sample --scale tiny|small|large --seed N --out DIR [--format csv|parquet] [--months K] [--month YYYY-MM] [--alerts-per-request R]',
  options: {
    scale: textOption('SCALE', 'tiny (tests), small (demo) or large (benchmark)'),
    seed: textOption('N', 'seed of the pseudo-random generator (same seed → same bytes)'),
    out: textOption('DIR', 'dataset folder to write (one sub-folder per month)'),
    format: textOption('FORMAT', 'csv or parquet (default csv for tiny/small, parquet for large)'),
    months: textOption('K', 'number of consecutive months', '3'),
    month: monthOption('last month of the dataset', '2025-10'),
    'alerts-per-request': textOption('R', "alerts per service request (a real month: about 1.6; default: the scale's own)"),
  },
  async run(values) {
    const scale = scaleSchema.safeParse(values.scale);
    if (!scale.success) throw new CarsError('scale must be tiny, small or large', String(values.scale ?? ''), '--scale');
    if (values.seed === undefined) throw new CarsError('missing option', 'seed', '--seed');
    if (typeof values.out !== 'string' || values.out === '') throw new CarsError('missing option', 'out', '--out');
    const format = values.format ?? SCALE_SPECS[scale.data].defaultFormat;
    if (format !== 'csv' && format !== 'parquet') throw new CarsError('format must be csv or parquet', String(format), '--format');
    const summary = await writeSample({
      scale: scale.data,
      seed: toInteger(values.seed, 'seed', 0, 2 ** 31 - 1),
      out: values.out,
      format,
      months: toInteger(values.months ?? '3', 'months', 1, 24),
      month: parseMonth(String(values.month ?? '2025-10')),
      alertsPerRequest: toRatio(values['alerts-per-request'], 'alerts-per-request', 50),
    });
    console.log(toSummaryTable(summary));
    return 0;
  },
};
