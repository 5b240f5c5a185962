import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { queryRows, sqlString, type Db } from '../../lib/duckdb.ts';
import { toTerminalText as shown } from '../../lib/terminalText.ts';
import { FILES } from '../contract.ts';
import { REASONS } from './rules.ts';
import { toLimitsText } from './threshold.ts';
import type { InputFile } from './locate.ts';
import {
  EXAMPLES_PER_REASON,
  REJECT_REPORT_FILE,
  REJECTS_PARQUET_FILE,
  type IngestManifest,
  type ReasonCount,
  type RejectRecord,
  type RejectReport,
} from './schema.ts';

export interface RejectSummary {
  total: number;
  /** Every (file, column, reason) with its count, most frequent first. */
  byReason: ReasonCount[];
  /** The first rejections in file and line order. */
  first: RejectRecord[];
}

const FIRST_SHOWN = 20;

/** View `ingest_rejects` (fi, file, line, column, reason, value, record): every rejected row, read by the report and the Parquet copy. */
export async function createRejectsView(db: Db, files: InputFile[]): Promise<void> {
  const names = files.map((f, fi) => `(${fi}, ${sqlString(f.shown)})`).join(', ');
  await db.run(`-- one row per rejected input record
CREATE TEMP VIEW ingest_rejects AS
SELECT l.fi, f.file, l.line, l.column_name AS "column", l.reason, l.value, l.record
FROM reject_lines l JOIN (VALUES ${names}) f(fi, file) ON f.fi = l.fi`);
}

export async function readRejectSummary(db: Db): Promise<RejectSummary> {
  // reference files first: a bad row there is the cause of rejections elsewhere
  const byReason = await queryRows<ReasonCount>(
    db,
    `SELECT * FROM (SELECT file, "column", reason, count(*)::INTEGER AS count FROM ingest_rejects GROUP BY ALL)
     ORDER BY regexp_matches(file, '/(${REFERENCE_FILES.join('|')})[.][a-z]+$') DESC, count DESC, file, "column", reason`,
  );
  const first = await queryRows<RejectRecord>(
    db,
    `SELECT file, line::INTEGER AS line, "column", reason, value FROM ingest_rejects ORDER BY fi, line LIMIT ${FIRST_SHOWN}`,
  );
  return { total: byReason.reduce((sum, r) => sum + r.count, 0), byReason, first };
}

/** `rejects.parquet`, every rejected row with its record streamed by DuckDB, and `reject-report.json`: counts and the first examples of each file × reason. */
export async function writeRejectReport(db: Db, dir: string, month: string, summary: RejectSummary): Promise<void> {
  await db.run(
    `COPY (SELECT file, line, "column", reason, value, record FROM ingest_rejects ORDER BY fi, line)
     TO ${sqlString(join(dir, REJECTS_PARQUET_FILE))} (FORMAT parquet, COMPRESSION zstd)`,
  );
  const examples = await queryRows<RejectRecord>(
    db,
    // a row has one reason, so (file, reason, line) is unique; min_by keeps the first lines of each group without sorting them all
    `SELECT e.file, e.line::INTEGER AS line, e."column", e.reason, e.value FROM (
       SELECT unnest(min_by({'file': file, 'line': line, 'column': "column", 'reason': reason, 'value': value}, line, ${EXAMPLES_PER_REASON})) AS e
       FROM ingest_rejects GROUP BY file, reason)
     ORDER BY e.file, e.line, e."column"`,
  );
  const report: RejectReport = {
    schema: 'cars.reject-report/2',
    month,
    total: summary.total,
    byReason: summary.byReason,
    examples,
    rejectsFile: REJECTS_PARQUET_FILE,
  };
  await writeFile(join(dir, REJECT_REPORT_FILE), `${JSON.stringify(report)}\n`);
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);

/** Files other files refer to: their rejections come first, as they cause others. */
const REFERENCE_FILES = ['parties', 'registrations', 'devices'];
const isPartiesFile = (file: string): boolean => /\/parties\.[a-z]+$/.test(file);

/** One line naming the cause when parties lost rows and other rows were rejected for naming an unknown party. */
export function toCauseLine(rejects: RejectSummary): string | undefined {
  const lost = rejects.byReason.filter((r) => isPartiesFile(r.file)).reduce((n, r) => n + r.count, 0);
  const orphans = rejects.byReason
    .filter((r) => !isPartiesFile(r.file) && r.reason === REASONS.unknownParty)
    .reduce((n, r) => n + r.count, 0);
  if (lost === 0 || orphans === 0) return undefined;
  const first = rejects.first.find((r) => isPartiesFile(r.file));
  const where = first
    ? `${shown(first.file)}: ${lost} bad row${lost === 1 ? '' : 's'} (line ${first.line}: ${first.reason})`
    : `parties: ${lost} bad rows`;
  return `cause first: ${where}; ${orphans.toLocaleString('en-GB')} rows elsewhere name a party it may have lost`;
}

/** The readable summary the command prints; file names and values from input have their control characters escaped. */
export function toSummaryText(manifest: IngestManifest, rejects: RejectSummary): string {
  const history = manifest.monthsLoaded.slice(0, -1);
  const lines = [
    `ingest ${manifest.month} (history: ${history.length ? history.join(', ') : 'none'}${manifest.monthsMissing.length ? `; missing: ${manifest.monthsMissing.join(', ')}` : ''})`,
  ];
  const width = Math.max(5, ...manifest.files.map((f) => shown(f.path).length));
  lines.push(`  ${'file'.padEnd(width)} ${pad('read', 11)} ${pad('accepted', 11)} ${pad('rejected', 9)}`);
  const ordered = [...manifest.files].sort(
    (a, b) => a.month.localeCompare(b.month) || FILES.findIndex((f) => f.name === a.name) - FILES.findIndex((f) => f.name === b.name),
  );
  for (const f of ordered)
    lines.push(`  ${shown(f.path).padEnd(width)} ${pad(f.rowsRead, 11)} ${pad(f.rowsAccepted, 11)} ${pad(f.rowsRejected, 9)}`);
  lines.push(`  ${'total'.padEnd(width)} ${pad(manifest.rowsRead, 11)} ${pad(manifest.rowsAccepted, 11)} ${pad(manifest.rowsRejected, 9)}`);
  for (const warning of manifest.warnings) lines.push(`warning: ${shown(warning)}`);
  const cause = toCauseLine(rejects);
  if (cause) lines.push(cause);
  if (rejects.total > 0) {
    lines.push('top reasons (reference files first):');
    for (const r of rejects.byReason.slice(0, 10)) lines.push(`  ${pad(r.count, 9)}  ${shown(r.file)} ${r.column}: ${r.reason}`);
    lines.push(
      `first rejections (counts in ${shown(manifest.rejectReport)}, all ${rejects.total} rows in ${REJECTS_PARQUET_FILE}: cars rejects):`,
    );
    for (const r of rejects.first.slice(0, 10))
      lines.push(`  ${shown(r.file)}:${r.line}:${r.column} ${r.reason}${r.value === null ? '' : ` [${shown(r.value)}]`}`);
  }
  return [...lines, ...toVerdictLines(manifest)].join('\n');
}

const toPercent = (rate: number): string => `${(rate * 100).toFixed(4)}%`;

/** `ok:` with the limits when every file is within its own, else one `FAILED:` line per file over it. */
function toVerdictLines(manifest: IngestManifest): string[] {
  const over = manifest.files.filter((f) => !f.withinThreshold);
  if (over.length === 0) {
    const limits = toLimitsText({ rate: manifest.maxRejectRate, files: manifest.maxRejectRates });
    return [`ok: ${manifest.rowsRejected} rejected of ${manifest.rowsRead} read (${toPercent(manifest.rejectRate)}; threshold ${limits})`];
  }
  return over.map(
    (f) =>
      `FAILED: ${shown(f.path)}: ${f.rowsRejected} rejected of ${f.rowsRead} read (${toPercent(f.rejectRate)}) exceeds threshold ${f.maxRejectRate}`,
  );
}
