import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256File } from '../../lib/digest.ts';
import { openDb, sqlString, type Db } from '../../lib/duckdb.ts';
import { CarsError } from '../../lib/errors.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { parseMonth } from '../../lib/month.ts';
import { startProgress, toSlowest } from '../../lib/progress.ts';
import { readJsonFile } from '../../lib/json.ts';
import type { InputRejects } from '../../shared/monthFacts.ts';
import { FILES, LOADED_DB_FILE, fileSpec } from '../contract.ts';
import { stageDir, toWorkspace, type Workspace } from '../workspace.ts';
import { readDatasetLayout, type DatasetLayout } from './locate.ts';
import { resolveLines } from './lines.ts';
import { createRejectsView, readRejectSummary, writeRejectReport, type RejectSummary } from './report.ts';
import { INGEST_MANIFEST_FILE, IngestManifestSchema, REJECT_REPORT_FILE, type IngestManifest } from './schema.ts';
import { attachReused, decideReuse, detachReused, keepRejectedRows, readCodeDigest, type ReusedMonth } from './reuse.ts';
import { toSource, type Source } from './sources.ts';
import { parseRejectLimits } from './threshold.ts';
import { CREATE_WORK_TABLES_SQL, validateFile } from './validate.ts';
import { countFiles, toManifest } from './manifest.ts';

export type { IngestManifest, IngestFile, HistoryMonth, RejectRecord, RejectReport, ReasonCount } from './schema.ts';
export { IngestManifestSchema, RejectReportSchema, INGEST_MANIFEST_FILE, REJECT_REPORT_FILE } from './schema.ts';
export type { RejectSummary } from './report.ts';
export { toSummaryText } from './report.ts';
export { REASONS } from './rules.ts';

export interface IngestOptions {
  /** Dataset folder holding `<YYYY-MM>/` month folders. */
  data: string;
  month: string;
  /** Work folder; output goes to `<work>/<month>/ingest/`. */
  work: string;
  /** Largest allowed rejected/read fraction of each input file (default 0). */
  maxRejectRate?: number;
  /** The same per contract file (`service_requests`), overriding `maxRejectRate`. */
  maxRejectRates?: Record<string, number>;
}

export interface IngestResult {
  /** `<work>/<month>/ingest`. */
  dir: string;
  /** The loaded DuckDB file (tables of contract.ts). */
  database: string;
  manifest: IngestManifest;
  rejects: RejectSummary;
}

const REFERENCE_DIR = fileURLToPath(new URL('../../../data/reference/', import.meta.url));

async function loadReference(db: Db): Promise<void> {
  const ref = (file: string, column: string): string =>
    `SELECT "${column}" AS code FROM read_csv(${sqlString(join(REFERENCE_DIR, file))}, header = true, all_varchar = true)`;
  await db.run(`CREATE TEMP TABLE ref_srv AS ${ref('srv-duis.csv', 'srv')}`);
  await db.run(`CREATE TEMP TABLE ref_alert AS ${ref('alerts.csv', 'code')}`);
  await db.run(`CREATE TEMP TABLE ref_response AS ${ref('response-codes.csv', 'code')}`);
}

interface Validated {
  crossMonthDuplicates: number;
  seconds: Map<string, number>;
}

/** Validate and load the files read here and the reused months' rows, contract file by contract file. */
async function validateAll(db: Db, layout: DatasetLayout, reused: ReusedMonth[], tick: () => void): Promise<Validated> {
  const byFile = await attachReused(db, layout, reused);
  const sources: Source[] = [];
  for (const [fi, file] of layout.files.entries()) {
    if (reused.some((r) => r.month === file.month)) continue;
    sources.push(await toSource(db, fileSpec(file.name), file, fi, layout.months.indexOf(file.month)));
  }
  const seconds = new Map<string, number>();
  let crossMonthDuplicates = 0;
  for (const spec of FILES) {
    const started = performance.now();
    const own = sources.filter((s) => s.file.name === spec.name);
    crossMonthDuplicates += await validateFile(db, spec, own, layout.month, byFile.get(spec.name));
    const reporting = own.find((s) => s.month === layout.month);
    if (reporting) await keepRejectedRows(db, spec, reporting);
    seconds.set(spec.name, (performance.now() - started) / 1000);
    tick();
  }
  await detachReused(db, reused);
  return { crossMonthDuplicates, seconds };
}

/** Digests of every input file by shown path; the history months' are awaited (reuse needs them), the month's read alongside. */
function startHashing(layout: DatasetLayout): { history: Promise<Map<string, string>>; all: Promise<string[]> } {
  const hashes = layout.files.map((f) => sha256File(f.path));
  const all = Promise.all(hashes);
  // Awaited below; marked handled so a failure before then is not an unhandled rejection.
  all.catch(() => undefined);
  const past = layout.files.flatMap((f, fi) => (f.month === layout.month ? [] : [hashes[fi]?.then((h): [string, string] => [f.shown, h])]));
  return { history: Promise.all(past).then((pairs) => new Map(pairs.filter((p) => p !== undefined))), all };
}

/** Load and validate a month; never throws for rejections (see runIngest). */
export async function ingestMonth(options: IngestOptions): Promise<IngestResult> {
  const month = parseMonth(options.month);
  const limits = parseRejectLimits({ rate: options.maxRejectRate ?? 0, files: options.maxRejectRates ?? {} });
  const layout = await readDatasetLayout(options.data, month);
  const ws = toWorkspace({ work: options.work, month });
  const dir = stageDir(ws, 'ingest');
  const hashing = startHashing(layout);
  const progress = startProgress(`ingest ${month}`, FILES.length + 1);
  let done = 0;
  let seconds = new Map<string, number>();
  const result = await writeDirAtomic(dir, async (tmp) => {
    const { db, close } = await openDb(join(tmp, LOADED_DB_FILE));
    try {
      await loadReference(db);
      await db.run(CREATE_WORK_TABLES_SQL);
      const code = await readCodeDigest(db);
      const { history, reused } = await decideReuse(ws.work, layout, await hashing.history, code);
      const validated = await validateAll(db, layout, reused, () => progress.tick(++done));
      seconds = validated.seconds;
      await resolveLines(db);
      await createRejectsView(db, layout.files);
      const files = await countFiles(db, layout, await hashing.all, limits);
      const rejects = await readRejectSummary(db);
      const manifest = toManifest({ layout, limits, files, code, history, crossMonthDuplicates: validated.crossMonthDuplicates });
      if (manifest.rowsRejected !== rejects.total) {
        throw new Error(`ingest bug: ${manifest.rowsRejected} rejected rows but ${rejects.total} in the report`);
      }
      await writeRejectReport(db, tmp, month, rejects);
      await db.run('CHECKPOINT');
      await writeFile(join(tmp, INGEST_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      progress.tick(++done);
      return { dir, database: join(dir, LOADED_DB_FILE), manifest, rejects };
    } finally {
      close();
    }
  });
  const reusedText = result.manifest.history?.filter((h) => h.reused).map((h) => h.month) ?? [];
  progress.end(
    `${result.manifest.rowsAccepted} accepted, ${result.manifest.rowsRejected} rejected; ${reusedText.length > 0 ? `reused ${reusedText.join(', ')}; ` : ''}slowest files ${toSlowest(seconds)}`,
  );
  return result;
}

/** The month's ingest manifest; a missing or stale one is a one-line error naming the stage to rerun. */
export const readIngestManifest = (ws: Workspace): Promise<IngestManifest> =>
  readJsonFile(join(stageDir(ws, 'ingest'), INGEST_MANIFEST_FILE), IngestManifestSchema, { stage: 'ingest' });

/** The reporting month's files with their rejected rows and accepted rate, as published pages and archives state them. */
export const toInputRejects = (manifest: IngestManifest): InputRejects[] =>
  manifest.files
    .filter((f) => f.month === manifest.month)
    .map((f) => ({
      file: f.name,
      rowsRead: f.rowsRead,
      rowsRejected: f.rowsRejected,
      rejectRate: f.rejectRate,
      maxRejectRate: f.maxRejectRate,
    }));

/** Ingest a month; throws CarsError after writing the report when rejections exceed the threshold. */
export async function runIngest(options: IngestOptions): Promise<IngestResult> {
  const result = await ingestMonth(options);
  const { manifest } = result;
  const over = manifest.files.filter((f) => !f.withinThreshold);
  if (over.length > 0) {
    throw new CarsError(
      'rejected rows over the threshold',
      over.map((f) => `${f.path} ${f.rowsRejected} of ${f.rowsRead} (max rate ${f.maxRejectRate})`).join(', '),
      join(result.dir, REJECT_REPORT_FILE),
    );
  }
  return result;
}
