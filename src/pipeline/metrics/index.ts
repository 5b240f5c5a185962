import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDb, queryRows, readSql, sqlString, type Db } from '../../lib/duckdb.ts';
import { sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { addMonths } from '../../lib/month.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { startProgress, toSlowest } from '../../lib/progress.ts';
import { DATASET_NAMES } from '../../shared/partitionManifest.ts';
import type { Policy } from '../../shared/policy.ts';
import { LOADED_DB_FILE } from '../contract.ts';
import { readIngestManifest, type IngestManifest } from '../ingest/index.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import {
  METRICS_MANIFEST_FILE,
  METRICS_SCHEMA_VERSION,
  type MetricsManifest,
  type MetricsTable,
  type SecondaryFamily,
  type SuppressionCount,
} from './manifest.ts';
import { readPolicy } from './policy.ts';
import { toRegistrySql, toSqlVars } from './registry.ts';
import { countSuppression, findEarlierMetrics, readEarlierMonths, suppressSecondary, type EarlierMetrics } from './secondary.ts';
import { ESTATE_SQL } from '../sql/index.ts';

export type { MetricsManifest } from './manifest.ts';

const WORK_DB_FILE = '.metrics.duckdb';

/**
 * SQL files in run order; each creates one output table, plus intermediates (TEMP, or kept compressed in the scratch file when large).
 * `secondary:<family>` steps run the complementary suppression loop (secondary.ts) on the family's decisions;
 * `previous_month` reads the figures of every earlier month (up to a year) built in the same work folder.
 */
export const SQL_STEPS = [
  'macros',
  'previous_month',
  'month_rule',
  'party_role',
  'journey_req',
  'req_item',
  'item_monthly',
  'item_peers',
  'item_daily',
  'secondary:item_daily',
  'item_daily_write',
  'item_failures',
  'item_codes',
  'root_causes',
  'secondary:root_causes',
  'root_causes_write',
  'league',
  'no_read_30d',
  'installs_daily',
  'cos_gain',
  'alert',
  'alerts_monthly',
  'alerts_daily',
  'secondary:alerts_daily',
  'alerts_daily_write',
  'ed_alert_counts',
  'ed_n16_n42',
  'ed_outages',
  'inventory',
  'secondary:inventory',
  'inventory_write',
  'inventory_peers',
  'incidents',
  'parties',
] as const;

/** Tables written to Parquet: each has a `party_id` column naming the party it is for (`parties` is the party list). */
export const METRICS_TABLES = [...DATASET_NAMES, 'parties'] as const;
export type MetricsTableName = (typeof METRICS_TABLES)[number];

/** Run every metrics SQL step against an attached ingest database (`src`); `onStep` hears each step's name and seconds. */
export async function buildMetricTables(
  db: Db,
  month: string,
  policy: Policy,
  onStep: (name: string, seconds: number) => void = () => undefined,
  earlier: readonly EarlierMetrics[] = [],
): Promise<SuppressionCount[]> {
  const vars = toSqlVars(month, policy);
  const counts: SuppressionCount[] = [];
  await db.run(toRegistrySql());
  await db.run(await readSql(ESTATE_SQL));
  for (const name of SQL_STEPS) {
    const started = performance.now();
    const family = toSecondaryFamily(name);
    try {
      if (name === 'previous_month') await readEarlierMonths(db, earlier);
      else if (!family) await db.run(await readSql(new URL(`./sql/${name}.sql`, import.meta.url), vars));
      else
        counts.push(await countSuppression(db, family, policy.disclosure.secondarySuppression ? await suppressSecondary(db, family) : 0));
    } catch (error) {
      throw new Error(`metrics step ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    onStep(name, (performance.now() - started) / 1000);
  }
  return counts;
}

const toSecondaryFamily = (step: string): SecondaryFamily | undefined =>
  step.startsWith('secondary:') ? (step.slice('secondary:'.length) as SecondaryFamily) : undefined;

async function describe(db: Db, table: string): Promise<{ name: string; type: string }[]> {
  const rows = await queryRows<{ column_name: string; column_type: string }>(db, `DESCRIBE ${table}`);
  return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
}

/** The table with ENUM columns (intermediate storage only) as text. */
async function toTextSelect(db: Db, table: string): Promise<string> {
  const columns = await describe(db, table);
  const select = columns.map((c) => (c.type.startsWith('ENUM(') ? `CAST("${c.name}" AS VARCHAR) AS "${c.name}"` : `"${c.name}"`));
  return `SELECT ${select.join(', ')} FROM ${table}`;
}

async function writeTable(db: Db, table: string, dir: string): Promise<MetricsTable> {
  const file = `${table}.parquet`;
  const path = join(dir, file);
  const select = await toTextSelect(db, table);
  const columns = await describe(db, select);
  // rows are unique on their scalar columns; sorting by them (not the histogram lists) fixes the order
  const order = columns.filter((c) => !c.type.endsWith('[]')).map((c) => `"${c.name}"`);
  await db.run(`COPY (SELECT * FROM (${select}) ORDER BY ${order.join(', ')}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
  const [count] = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM ${table}`);
  return { name: table, file, rows: Number(count?.n ?? 0), sha256: await sha256File(path), columns };
}

/** Digests of the input files, as ingest recorded them (`<month>/<file>` → sha256). */
const toInputDigests = (manifest: IngestManifest): Record<string, string> =>
  Object.fromEntries(manifest.files.map((f) => [f.path, f.sha256]).sort(([a], [b]) => (a! < b! ? -1 : 1)));

/** The loaded database reads these files where they lie: they must still be what ingest validated. */
async function checkInPlaceInputs(manifest: IngestManifest): Promise<void> {
  for (const file of manifest.files.filter((f) => f.readInPlace)) {
    const path = join(manifest.data, file.path);
    const digest = await sha256File(path).catch((error: Error) => {
      throw new CarsError('input read in place is unreadable, rerun the ingest stage', path, error.message);
    });
    if (digest !== file.sha256) throw new CarsError('input changed since ingest, rerun the ingest stage', path);
  }
}

/** Run the SQL while the in-place inputs are checked; a changed input is the error shown, not what the SQL made of it. */
async function buildCheckedTables(
  db: Db,
  manifest: IngestManifest,
  policy: Policy,
  onStep: (name: string, s: number) => void,
  earlier: readonly EarlierMetrics[],
): Promise<SuppressionCount[]> {
  const checking = checkInPlaceInputs(manifest);
  checking.catch(() => undefined); // awaited on both paths below
  try {
    const counts = await buildMetricTables(db, manifest.month, policy, onStep, earlier);
    await checking;
    return counts;
  } catch (error) {
    await checking;
    throw error;
  }
}

/** Metrics stage: ingest DB (read-only) → one Parquet per table + metrics-manifest.json. */
export async function runMetrics(
  ws: Workspace,
  options: { policyPath?: string; onStep?: (name: string, seconds: number) => void } = {},
): Promise<MetricsManifest> {
  const ingestDir = stageDir(ws, 'ingest');
  const dbPath = join(ingestDir, LOADED_DB_FILE);
  if (!existsSync(dbPath)) throw new CarsError('no ingested month: run the ingest stage first', dbPath);
  const policy = await readPolicy(options.policyPath);
  const ingest = await readIngestManifest(ws);
  return writeDirAtomic(stageDir(ws, 'metrics'), async (dir) => {
    // a file database stores the large intermediates compressed, and spills beside them; the limit covers only
    // DuckDB's buffer pool, and the daily aggregates hold about 1 GB beside it (2500MB peaked at 3.7 GB RSS)
    const { db, close } = await openDb(join(dir, WORK_DB_FILE), {
      tempDirectory: join(dir, '.spill'),
      memoryLimit: '2000MB',
      timeZoneOptional: true,
    });
    try {
      // every output is written ORDER BY ALL, so parallel inserts may reorder intermediate tables
      await db.run('SET preserve_insertion_order = false');
      await db.run(`ATTACH ${sqlString(dbPath)} AS src (READ_ONLY)`);
      const progress = startProgress(`metrics ${ws.month}`, SQL_STEPS.length + METRICS_TABLES.length);
      const seconds = new Map<string, number>();
      const earlier = await findEarlierMetrics(ws);
      const tick = (name: string, s: number): void => {
        options.onStep?.(name, s);
        progress.tick(seconds.set(name, s).size);
      };
      const suppression = await buildCheckedTables(db, ingest, policy, tick, earlier);
      const tables: MetricsTable[] = [];
      for (const table of METRICS_TABLES) {
        const started = performance.now();
        tables.push(await writeTable(db, table, dir));
        options.onStep?.(`write ${table}`, (performance.now() - started) / 1000);
        progress.tick(SQL_STEPS.length + tables.length);
      }
      progress.end(`${tables.length} tables; slowest SQL ${toSlowest(seconds)}`);
      const manifest: MetricsManifest = {
        schemaVersion: METRICS_SCHEMA_VERSION,
        month: ws.month,
        tables,
        inputDigests: toInputDigests(ingest),
        policy,
        suppression,
        previousMonth: earlier.find((e) => e.month === addMonths(ws.month, -1))?.month ?? null,
        comparedMonths: earlier.map((e) => e.month),
      };
      await writeFile(join(dir, METRICS_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      return manifest;
    } finally {
      close();
      for (const scratch of ['.spill', WORK_DB_FILE, `${WORK_DB_FILE}.wal`]) await rm(join(dir, scratch), { recursive: true, force: true });
    }
  });
}
