import { fillSql, queryNumber, sqlString, type Db } from '../../lib/duckdb.ts';
import { addMonths } from '../../lib/month.ts';
import type { ColumnSpec, FileSpec } from '../contract.ts';
import { buildReasonSql, buildRules, needsParties, REASONS } from './rules.ts';
import { checkOpenQuotes } from './lines.ts';
import { buildRecordSql } from './record.ts';
import type { Source } from './sources.ts';
import {
  NO_KEYS,
  buildReusedAllSql,
  buildReusedKeysSql,
  buildReusedRowsSql,
  unionByName,
  withReusedKeys,
  type ReusedKeys,
  type ReusedSource,
} from './reuseSql.ts';

/**
 * One contract file, all loaded months, in three reads of the sources: counts and duplicate
 * candidates; findings (rejected rows and rows spanning lines); the typed load of the rest.
 */
export const CREATE_WORK_TABLES_SQL = `-- one row per rejected row or row holding a newline (fi = input file, rid = record ordinal)
CREATE TEMP TABLE findings (fi INTEGER, rid BIGINT, nl BIGINT, column_name VARCHAR, reason VARCHAR, value VARCHAR, record VARCHAR);
-- one row per CSV record the parser rejected (dline = DuckDB's line: record number + 1)
CREATE TEMP TABLE malformed (fi INTEGER, dline BIGINT, nl BIGINT, column_name VARCHAR, reason VARCHAR, value VARCHAR, record VARCHAR);
-- one row per input file: records parsed
CREATE TEMP TABLE parsed (fi INTEGER, n BIGINT);
-- one row per rejected record of a reused month, its line resolved by that month's ingest
CREATE TEMP TABLE reused_lines (fi INTEGER, line BIGINT, column_name VARCHAR, reason VARCHAR, value VARCHAR, record VARCHAR);
CREATE TEMP VIEW rejects AS SELECT fi, rid, column_name, reason, value, record FROM findings WHERE reason IS NOT NULL;
CREATE TEMP VIEW multiline AS SELECT fi, rid, nl FROM findings WHERE nl > 0`;

const monthStart = (month: string): string => `TIMESTAMPTZ ${sqlString(`${month}-01 00:00:00 Europe/London`)}`;
const quoted = (name: string): string => `"${name}"`;

/** All months of one contract file as one relation, with each month's Europe/London bounds. */
export function buildUnionSql(sources: Source[], withRid = true): string {
  return sources
    .map(
      (s) =>
        `SELECT ${s.fi} AS fi, ${s.mi} AS mi, ${sqlString(s.month)} AS month, ${monthStart(s.month)} AS lo, ${monthStart(addMonths(s.month, 1))} AS hi, src.*
         FROM (${withRid ? s.sql : s.plainSql}) src`,
    )
    .join('\nUNION ALL\n');
}

/** Event ids (requests, alerts) are unique across the loaded months; snapshot keys within each month. */
const keyScope = (spec: FileSpec): string => (spec.eventTime ? quoted(spec.key ?? '') : `month, ${quoted(spec.key ?? '')}`);

/**
 * Rows per input file and, for keyed files, hashes of keys seen more than once (candidates only). Keys of reused
 * months are looked up among the live ones, not grouped with them.
 */
export function buildPrepassSql(spec: FileSpec, union: string, reused: ReusedKeys = NO_KEYS): string {
  if (!spec.key) return `-- one row per input file\nINSERT INTO parsed SELECT fi, count(*) FROM (${union}) GROUP BY fi`;
  const h = `hash(${keyScope(spec)})`;
  const seenBefore = reused.sql
    ? `;\nINSERT INTO prepass SELECT DISTINCT NULL, ${h}, NULL FROM (${reused.sql}) WHERE ${h} IN (SELECT ${h} FROM (${union}))`
    : '';
  return `-- one row per input file (h NULL), or per key hash seen more than once (fi NULL)
CREATE OR REPLACE TEMP TABLE prepass AS
SELECT fi, ${h} AS h, count(*) AS n
FROM (${union})
GROUP BY GROUPING SETS ((fi), (h))
HAVING GROUPING(fi) = 0 OR count(*) > 1${seenBefore};
INSERT INTO parsed SELECT fi, n FROM prepass WHERE fi IS NOT NULL`;
}

/**
 * Copies after the first (by month, then line) of a key among the candidates; `cross` when an earlier
 * month holds the key (a load with such rows is not reused by later months).
 */
export function buildDuplicatesSql(spec: FileSpec, union: string, reused: ReusedKeys = NO_KEYS): string {
  const key = quoted(spec.key ?? '');
  return `-- one row per duplicate copy: (fi, rid)
CREATE OR REPLACE TEMP TABLE dups AS
SELECT fi, rid, first_mi < mi AS "cross" FROM (
  SELECT fi, mi, rid, row_number() OVER w AS n, min(mi) OVER w AS first_mi
  FROM (${withReusedKeys(spec, union, reused)}) WHERE ${key} IS NOT NULL AND hash(${keyScope(spec)}) IN (SELECT h FROM prepass WHERE fi IS NULL)
  WINDOW w AS (PARTITION BY ${keyScope(spec)} ORDER BY mi, rid)
) WHERE n > 1`;
}

const hasNewline = (spec: FileSpec): string => spec.columns.map((c) => `contains(r.${quoted(c.name)}, chr(10))`).join(' OR ');
const countNewlines = (spec: FileSpec): string =>
  spec.columns.map((c) => `coalesce(length(r.${quoted(c.name)}) - length(replace(r.${quoted(c.name)}, chr(10), '')), 0)`).join(' + ');

/** Line breaks a row adds to the lines after it: CSV only, a Parquet row has no lines (and skips the scan of every value). */
function newlinesSql(spec: FileSpec, sources: Source[]): string {
  const csv = sources.filter((s) => s.csv).map((s) => s.fi);
  if (csv.length === 0) return '0';
  const onlyCsv = csv.length < sources.length ? `r.fi IN (${csv.join(', ')}) AND ` : '';
  return `CASE WHEN ${onlyCsv}(${hasNewline(spec)}) THEN ${countNewlines(spec)} ELSE 0 END`;
}

export function buildFindingsSql(spec: FileSpec, sources: Source[], withDups: boolean): string {
  const union = buildUnionSql(sources);
  const joins = [
    needsParties(spec) ? 'LEFT JOIN main.parties p ON p.month = r.month AND p.party_id = r.party_id' : '',
    withDups ? 'LEFT JOIN dups d ON d.fi = r.fi AND d.rid = r.rid' : '',
  ].join('\n  ');
  const rules = buildRules(spec).filter((rule) => withDups || rule.when !== 'd.rid IS NOT NULL');
  return `-- one row per rejected row or row holding a newline of ${spec.name}
INSERT INTO findings
SELECT fi, rid, nl, x.col, x.reason, x.value, CASE WHEN x IS NOT NULL THEN ${buildRecordSql(sources)} END FROM (
  SELECT r.*, ${newlinesSql(spec, sources)} AS nl, ${buildReasonSql(rules)} AS x
  FROM (${union}) r
  ${joins}
) r WHERE x IS NOT NULL OR nl > 0`;
}

const CSV_ERROR_REASONS: Record<string, string> = {
  'UNQUOTED VALUE': 'malformed CSV quoting',
  'MISSING COLUMNS': 'too few fields',
  'TOO MANY COLUMNS': 'too many fields',
  'INVALID UNICODE': 'invalid UTF-8',
  'INVALID ENCODING': 'invalid UTF-8',
  'LINE SIZE OVER MAXIMUM': 'line too long',
};

/** Records DuckDB's CSV reader rejected during the findings read, one per record. */
export function buildMalformedSql(sources: Source[]): string {
  const paths = sources.filter((s) => s.csv).map((s) => `(${s.fi}, ${sqlString(s.file.path)})`);
  const reasons = Object.entries(CSV_ERROR_REASONS).map(
    ([type, reason]) => `WHEN e.error_type = ${sqlString(type)} THEN ${sqlString(reason)}`,
  );
  // DuckDB files text after a closing quote and a quote left open alike; only an open quote carries the record over lines
  reasons.unshift(`WHEN e.error_type = 'UNQUOTED VALUE' AND contains(e.t, chr(10)) THEN ${sqlString(REASONS.quoteNotClosed)}`);
  return `-- one row per malformed CSV record
INSERT INTO malformed
SELECT f.fi, e.line, length(e.t) - length(replace(e.t, chr(10), '')), e.column_name,
  CASE ${reasons.join(' ')} ELSE 'malformed CSV: ' || lower(e.error_type) END,
  left(e.t, 200), e.t
FROM (
  SELECT e.*, s.file_path, rtrim(e.csv_line, chr(13) || chr(10)) AS t,
    row_number() OVER (PARTITION BY e.scan_id, e.file_id, e.line ORDER BY e.column_idx) AS n
  FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id)
) e JOIN (VALUES ${paths.join(', ')}) f(fi, path) ON f.path = e.file_path
WHERE e.n = 1`;
}

const typedSql = (column: ColumnSpec): string => {
  const name = `r.${quoted(column.name)}`;
  if (column.type === 'VARCHAR') return name;
  if (column.type === 'VARCHAR[]') return `string_split(${name}, ';')`;
  // The rules passed, so the typed value exists wherever the text does.
  return `CAST(r."${column.name}#" AS ${column.type})`;
};
/** The contract columns of a source row `r`, typed as the loaded table holds them. */
const typedColumnsSql = (spec: FileSpec): string => spec.columns.map(typedSql).join(', ');
/** The table of copied rows behind a file read in place. */
const loadedTable = (spec: FileSpec): string => `${spec.name}_loaded`;

export const buildCreateTableSql = (spec: FileSpec, table = spec.name): string =>
  `CREATE TABLE main.${table} (${[...spec.columns.map((c) => `${quoted(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}`), 'month VARCHAR NOT NULL'].join(', ')})`;

export interface InsertOptions {
  table: string;
  month: string;
  /** False when `union` has no `rid` (no rejected row): every row is then accepted. */
  anyRejected: boolean;
  /** Predicate choosing the rows kept of history months. */
  history?: string;
}

export function buildInsertSql(spec: FileSpec, union: string, { table, month, anyRejected, history }: InsertOptions): string {
  return `-- one row per accepted row of ${spec.name} (of history months, the rows later stages read)
INSERT INTO main.${table}
SELECT ${typedColumnsSql(spec)}, r.month
FROM (${union}) r
${anyRejected ? 'ANTI JOIN rejects x ON x.fi = r.fi AND x.rid = r.rid' : ''}
${history ? `WHERE r.month = ${sqlString(month)} OR (${history})` : ''}`;
}

type InPlaceSource = Source & { loadedSql: string };
const hasLoadedSql = (source: Source): source is InPlaceSource => source.loadedSql !== undefined;

/** A file read in place: its copied rows (`<name>_loaded`) plus the reporting month's file as the load types it. */
export const buildInPlaceViewSql = (spec: FileSpec, source: InPlaceSource): string =>
  `CREATE VIEW main.${spec.name} AS
SELECT * FROM main.${loadedTable(spec)}
UNION ALL
SELECT *, ${sqlString(source.month)} AS month FROM (${source.loadedSql})`;

const DROP_CSV_REJECTS = 'DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans';

const countRejected = async (db: Db, sources: Source[]): Promise<number> =>
  queryNumber(db, `SELECT count(*) FROM rejects WHERE fi IN (${sources.map((s) => s.fi).join(', ') || 'NULL'})`);

/** The reporting month's source when the contract lets it be read in place and it qualifies. */
async function findInPlace(db: Db, spec: FileSpec, sources: Source[], month: string): Promise<InPlaceSource | undefined> {
  const source = sources.find((s) => s.month === month);
  if (!spec.readInPlace || source === undefined || !hasLoadedSql(source)) return undefined;
  return (await countRejected(db, [source])) === 0 ? source : undefined;
}

/** Validate every month of one contract file read here, load its accepted rows and those of reused months; returns the cross-month duplicates of `month`. */
export async function validateFile(db: Db, spec: FileSpec, sources: Source[], month: string, reused: ReusedSource[] = []): Promise<number> {
  const union = buildUnionSql(sources);
  const keys = buildReusedKeysSql(spec, reused);
  await db.run(buildPrepassSql(spec, union, keys));
  let withDups = false;
  if (spec.key) {
    withDups = (await queryNumber(db, 'SELECT count(*) FROM prepass WHERE fi IS NULL')) > 0;
    if (withDups) await db.run(buildDuplicatesSql(spec, union, keys));
  }
  await db.run(DROP_CSV_REJECTS);
  await db.run(buildFindingsSql(spec, sources, withDups));
  const csv = sources.filter((s) => s.csv);
  if (csv.length > 0) {
    await db.run(buildMalformedSql(sources));
    await checkOpenQuotes(
      db,
      csv.map((s) => ({ fi: s.fi, shown: s.file.shown })),
    );
  }
  const inPlace = await findInPlace(db, spec, sources, month);
  const table = inPlace ? loadedTable(spec) : spec.name;
  await db.run(buildCreateTableSql(spec, table));
  await loadRows(db, spec, { sources, copied: sources.filter((s) => s !== inPlace), reused }, { table, month });
  if (inPlace) await db.run(buildInPlaceViewSql(spec, inPlace));
  return withDups ? countCrossDuplicates(db, sources, month) : 0;
}

const countCrossDuplicates = async (db: Db, sources: Source[], month: string): Promise<number> => {
  const fis = sources.filter((s) => s.month === month).map((s) => s.fi);
  return queryNumber(db, `SELECT count(*) FROM dups WHERE "cross" AND fi IN (${fis.join(', ') || 'NULL'})`);
};

interface LoadSources {
  /** Every source read here (history filters may look at all of them). */
  sources: Source[];
  /** The sources copied into the table (all but one read in place). */
  copied: Source[];
  reused: ReusedSource[];
}

/** Insert the accepted rows of the copied sources, then those of reused months. */
async function loadRows(db: Db, spec: FileSpec, from: LoadSources, to: { table: string; month: string }): Promise<void> {
  const { sources, copied, reused } = from;
  const { table, month } = to;
  const all = unionByName([buildUnionSql(sources, false), ...buildReusedAllSql(spec, reused)]);
  const history = copied.some((s) => s.month !== month) || reused.length > 0 ? spec.historyRows : undefined;
  if (history?.prepare) await db.run(fillSql(history.prepare, { month, union: all }));
  const where = history && fillSql(history.where, { month, union: all });
  // the loaded tables carry no order (every reader sorts); an order-preserving insert costs about twice the CPU
  await db.run('SET preserve_insertion_order = false');
  if (copied.length > 0) {
    const anyRejected = (await countRejected(db, copied)) > 0;
    await db.run(buildInsertSql(spec, buildUnionSql(copied, anyRejected), { table, month, anyRejected, history: where }));
  }
  for (const r of reused) {
    await db.run(buildInsertSql(spec, buildReusedRowsSql(spec, r), { table, month, anyRejected: false, history: where }));
  }
  await db.run('SET preserve_insertion_order = true');
}
