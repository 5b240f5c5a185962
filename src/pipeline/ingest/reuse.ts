import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../lib/digest.ts';
import { queryNumber, queryRows, sqlString, type Db } from '../../lib/duckdb.ts';
import { CarsError, isCarsError } from '../../lib/errors.ts';
import { readJsonFile } from '../../lib/json.ts';
import { FILES, LOADED_DB_FILE, type FileSpec } from '../contract.ts';
import type { DatasetLayout } from './locate.ts';
import { keepsRejected, REJECTED_SCHEMA, type ReusedSource } from './reuseSql.ts';
import { INGEST_MANIFEST_FILE, IngestManifestSchema, REJECTS_PARQUET_FILE, type HistoryMonth, type IngestManifest } from './schema.ts';
import type { Source } from './sources.ts';

/**
 * A history month's validation depends only on its own files, the rules and the reference lists, except for the
 * cross-month duplicate rule: its ingest as a reporting month is reused when those are unchanged and none of its
 * ids repeated an earlier month's (then none can repeat one in a shorter window either).
 */
export interface ReusedMonth {
  month: string;
  /** Position among the loaded months, oldest first. */
  mi: number;
  /** `<work>/<month>/ingest`. */
  dir: string;
  manifest: IngestManifest;
}

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE = fileURLToPath(new URL('../../../data/reference/', import.meta.url));
const CODE_FILES = ['pipeline/contract.ts', 'shared/roles.ts', 'lib/duckdb.ts'];
const REFERENCE_FILES = ['srv-duis.csv', 'alerts.csv', 'response-codes.csv'];

/** Digest of what decides a row's fate besides its file: the ingest code, the contract, the reference lists and DuckDB. */
export async function readCodeDigest(db: Db): Promise<string> {
  const ingest = (await readdir(join(SRC, 'pipeline/ingest'))).filter((f) => f.endsWith('.ts')).map((f) => `pipeline/ingest/${f}`);
  const parts = [...ingest.sort(), ...CODE_FILES].map((f) => join(SRC, f)).concat(REFERENCE_FILES.map((f) => join(REFERENCE, f)));
  const digests = await Promise.all(parts.map(async (path) => sha256(await readFile(path))));
  const [row] = await queryRows<{ v: string }>(db, 'SELECT library_version AS v FROM pragma_version()');
  return sha256([...digests, row?.v ?? ''].join('\n'));
}

type Digests = ReadonlyMap<string, string>;

const filesOf = (manifest: IngestManifest, month: string): Map<string, string> =>
  new Map(manifest.files.filter((f) => f.month === month).map((f) => [f.path, f.sha256]));

/** The first file of `month` whose digest differs from the earlier ingest's, or that only one of them has. */
function findChanged(layout: DatasetLayout, digests: Digests, manifest: IngestManifest, month: string): string | undefined {
  const before = filesOf(manifest, month);
  const now = layout.files.filter((f) => f.month === month);
  const changed = now.find((f) => before.get(f.shown) !== digests.get(f.shown));
  if (changed) return changed.shown;
  return before.size === now.length ? undefined : [...before.keys()].find((path) => !now.some((f) => f.shown === path));
}

/** Why the earlier ingest of `month` cannot stand in for validating it here; undefined when it can. */
export function findReuseObstacle(layout: DatasetLayout, digests: Digests, manifest: IngestManifest, code: string): string | undefined {
  const { month } = manifest;
  if (manifest.code !== code) return 'validation code, reference lists or DuckDB changed since its ingest';
  if (manifest.crossMonthDuplicates !== 0) return `its ingest found ${manifest.crossMonthDuplicates ?? 'unknown'} ids of earlier months`;
  const changed = findChanged(layout, digests, manifest, month);
  if (changed) return `input changed since its ingest: ${changed}`;
  for (const earlier of layout.months.filter((m) => m < month)) {
    if (!manifest.monthsLoaded.includes(earlier)) return `its ingest did not load ${earlier}`;
    const differs = findChanged(layout, digests, manifest, earlier);
    if (differs) return `input of ${earlier} changed since its ingest: ${differs}`;
  }
  return undefined;
}

async function readEarlierManifest(dir: string): Promise<IngestManifest | string> {
  try {
    const manifest = await readJsonFile(join(dir, INGEST_MANIFEST_FILE), IngestManifestSchema, { optional: true });
    if (!manifest) return 'not ingested before';
    if (!existsSync(join(dir, LOADED_DB_FILE))) return `no ${LOADED_DB_FILE} beside its manifest`;
    return manifest;
  } catch (error) {
    if (isCarsError(error)) return `earlier ingest unreadable (${error.message})`;
    throw error;
  }
}

/** Each history month of the layout: reused from `<work>/<month>/ingest` or validated again, with the reason. */
export async function decideReuse(
  work: string,
  layout: DatasetLayout,
  digests: Digests,
  code: string,
): Promise<{ history: HistoryMonth[]; reused: ReusedMonth[] }> {
  const history: HistoryMonth[] = [];
  const reused: ReusedMonth[] = [];
  for (const [mi, month] of layout.months.entries()) {
    if (month === layout.month) continue;
    const dir = join(work, month, 'ingest');
    const found = await readEarlierManifest(dir);
    const reason =
      typeof found === 'string' ? found : found.month === month ? findReuseObstacle(layout, digests, found, code) : 'another month';
    history.push({ month, reused: reason === undefined, reason: reason ?? null });
    if (reason === undefined && typeof found !== 'string') reused.push({ month, mi, dir, manifest: found });
  }
  return { history, reused };
}

const aliasOf = (r: ReusedMonth): string => `reused_${r.mi}`;

/**
 * Attach each reused month's database and take over its files' counts and rejected rows (lines already
 * resolved); returns the reused sources of each contract file.
 */
export async function attachReused(db: Db, layout: DatasetLayout, reused: ReusedMonth[]): Promise<Map<string, ReusedSource[]>> {
  const byFile = new Map<string, ReusedSource[]>(FILES.map((f) => [f.name, []]));
  for (const r of reused) {
    const alias = aliasOf(r);
    await db.run(`ATTACH ${sqlString(join(r.dir, LOADED_DB_FILE))} AS ${alias} (READ_ONLY)`);
    const kept = await queryRows<{ name: string }>(
      db,
      `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = ${sqlString(alias)} AND schema_name = ${sqlString(REJECTED_SCHEMA)}`,
    );
    const files = layout.files.map((file, fi) => ({ file, fi })).filter(({ file }) => file.month === r.month);
    for (const { file, fi } of files) {
      const entry = r.manifest.files.find((f) => f.path === file.shown);
      if (!entry) throw new Error(`ingest bug: ${file.shown} missing from the reused manifest`);
      await db.run(`INSERT INTO parsed VALUES (${fi}, ${entry.rowsRead})`);
      byFile.get(file.name)?.push({ fi, mi: r.mi, month: r.month, alias, keptRejected: kept.some((k) => k.name === file.name) });
    }
    await copyRejectLines(db, r, files);
  }
  return byFile;
}

async function copyRejectLines(db: Db, r: ReusedMonth, files: { file: { shown: string }; fi: number }[]): Promise<void> {
  const names = files.map(({ file, fi }) => `(${fi}, ${sqlString(file.shown)})`).join(', ');
  await db.run(`INSERT INTO reused_lines
    SELECT f.fi, x.line, x."column", x.reason, x.value, x.record
    FROM read_parquet(${sqlString(join(r.dir, REJECTS_PARQUET_FILE))}) x JOIN (VALUES ${names}) f(fi, file) ON f.file = x.file`);
  for (const { file, fi } of files) {
    const count = await queryNumber(db, `SELECT count(*) FROM reused_lines WHERE fi = ${fi}`);
    const recorded = r.manifest.files.find((f) => f.path === file.shown)?.rowsRejected;
    if (count !== recorded) {
      throw new CarsError('rejected rows differ from the manifest', `${file.shown} ${count} vs ${recorded}`, `${r.dir}, rerun its ingest`);
    }
  }
}

export async function detachReused(db: Db, reused: ReusedMonth[]): Promise<void> {
  for (const r of reused) await db.run(`DETACH ${aliasOf(r)}`);
}

/** The reporting month's rejected source rows of files a later month reads them of (ids, history `prepare`). */
export async function keepRejectedRows(db: Db, spec: FileSpec, source: Source): Promise<void> {
  if (!keepsRejected(spec)) return;
  if ((await queryNumber(db, `SELECT count(*) FROM rejects WHERE fi = ${source.fi}`)) === 0) return;
  await db.run('DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans');
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${REJECTED_SCHEMA}`);
  await db.run(`-- one row per rejected source row of ${spec.name} (every column as the source reads it)
CREATE TABLE ${REJECTED_SCHEMA}.${spec.name} AS
SELECT s.* EXCLUDE (rid) FROM (${source.sql}) s SEMI JOIN rejects x ON x.fi = ${source.fi} AND x.rid = s.rid`);
  await db.run('DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans');
}
