import { sqlString } from '../../lib/duckdb.ts';
import type { ColumnSpec, FileSpec } from '../contract.ts';
import { typedColumns } from './sources.ts';

/**
 * SQL over a history month taken from its own ingest (attached read-only as `alias`): its loaded rows
 * (every accepted row, as it was the reporting month there) and `rejected.<name>`, the source rows it rejected.
 */
export interface ReusedSource {
  /** Input file index in this month's layout. */
  fi: number;
  mi: number;
  month: string;
  alias: string;
  /** Whether the month's ingest kept its rejected source rows of this file. */
  keptRejected: boolean;
}

/** Keys of reused months as rows (fi, mi, month, rid, key), for the cross-month duplicate rule. */
export interface ReusedKeys {
  sql: string;
}

export const NO_KEYS: ReusedKeys = { sql: '' };

/** Schema of the loaded database holding the reporting month's rejected source rows of files later months need. */
export const REJECTED_SCHEMA = 'rejected';

/** Files whose rejected rows a later month reads: ids for the duplicate rule, or every row for a history `prepare`. */
export const keepsRejected = (spec: FileSpec): boolean => spec.eventTime !== undefined || spec.historyRows?.prepare !== undefined;

const quoted = (name: string): string => `"${name}"`;
const head = (r: ReusedSource): string => `${r.fi} AS fi, ${r.mi} AS mi, ${sqlString(r.month)} AS month`;
const TYPED_CHECK: Record<string, string> = { TINYINT: 'INTEGER' };

/** A loaded column as a source has it: text, plus `"<name>#"` and `"<name>?"` for typed columns (natively typed, as Parquet). */
function toSourceColumns(spec: FileSpec, column: ColumnSpec): string {
  const name = quoted(column.name);
  if (column.type === 'VARCHAR[]') return `array_to_string(${name}, ';') AS ${name}`;
  if (!typedColumns(spec).includes(column)) return name;
  const typed = `CAST(${name} AS ${TYPED_CHECK[column.type] ?? column.type}) AS "${column.name}#"`;
  return `NULL::VARCHAR AS ${name}, ${typed}, true AS "${column.name}?"`;
}

/** The accepted rows of a reused month in source shape (no `rid`: they are never rejected here). */
export const buildReusedRowsSql = (spec: FileSpec, r: ReusedSource): string =>
  `SELECT ${head(r)}, ${spec.columns.map((c) => toSourceColumns(spec, c)).join(', ')}
   FROM ${r.alias}.main.${spec.name} WHERE month = ${sqlString(r.month)}`;

const rejectedSql = (spec: FileSpec, r: ReusedSource, select: string): string[] =>
  r.keptRejected ? [`SELECT ${head(r)}, ${select} FROM ${r.alias}.${REJECTED_SCHEMA}.${spec.name}`] : [];

/** Every source row of reused months, accepted and rejected, as a history `prepare` reads `{{union}}`. */
export const buildReusedAllSql = (spec: FileSpec, reused: ReusedSource[]): string[] =>
  reused.flatMap((r) => [buildReusedRowsSql(spec, r), ...rejectedSql(spec, r, '*')]);

export function buildReusedKeysSql(spec: FileSpec, reused: ReusedSource[]): ReusedKeys {
  if (!spec.eventTime || !spec.key || reused.length === 0) return NO_KEYS;
  const key = quoted(spec.key);
  const parts = reused.flatMap((r) => [
    `SELECT ${head(r)}, -1::BIGINT AS rid, ${key} FROM ${r.alias}.main.${spec.name} WHERE month = ${sqlString(r.month)}`,
    ...rejectedSql(spec, r, `-1::BIGINT AS rid, ${key}`),
  ]);
  return { sql: parts.join('\nUNION ALL\n') };
}

/** The live sources' keys plus the reused months' (event ids are unique across months). */
export const withReusedKeys = (spec: FileSpec, union: string, reused: ReusedKeys): string =>
  reused.sql ? `SELECT fi, mi, month, rid, ${quoted(spec.key ?? '')} FROM (${union})\nUNION ALL\n${reused.sql}` : union;

/** Live rows plus reused ones by column name (a reused row lacks `lo`, `hi` and `rid`). */
export const unionByName = (parts: string[]): string =>
  parts.length === 1 ? (parts[0] ?? '') : parts.map((p) => `SELECT * FROM (${p})`).join('\nUNION ALL BY NAME\n');
