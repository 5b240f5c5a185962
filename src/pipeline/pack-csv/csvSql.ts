import { sqlString } from '../../lib/duckdb.ts';
import { FILE_NAME_PATTERN } from '../../shared/seal/index.ts';

export interface SqlColumn {
  name: string;
  type: string;
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Select list for a CSV: text columns pass the formula guard, numbers, dates and times stay as they are. */
export function toCsvSelectList(columns: readonly SqlColumn[], drop: readonly string[] = []): string {
  return columns
    .filter((c) => !drop.includes(c.name))
    .map((c) => (c.type === 'VARCHAR' ? `csv_text(${quoteIdent(c.name)}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)))
    .join(', ');
}

/**
 * One party's rows of a table, in the table's order. No ORDER BY: each table was written sorted, and a scan, filter
 * and projection keep that order (preserve_insertion_order); a join here, even an IN list planned as one, would not.
 */
export const toPartyCsvQuery = (table: string, columns: readonly SqlColumn[], partyId: string, where = ''): string =>
  `SELECT ${toCsvSelectList(columns)} FROM ${table} WHERE party_id = ${sqlString(partyId)}${where}`;

/** RFC 4180 CSV (header, CRLF, `"` quoting) of a query. */
export const toCopySql = (query: string, path: string): string =>
  `COPY (${query}) TO ${sqlString(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE e'\\r\\n')`;

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
 * The query with the BOM as the first bytes of its header: the first column is renamed to start with U+FEFF,
 * which DuckDB writes unquoted, so the file needs no second pass to prefix it (DuckDB has no BOM option).
 */
export function toBomQuery(query: string, firstColumn: string): string {
  if (!PLAIN_NAME.test(firstColumn)) throw new Error(`first CSV column needs quoting, cannot carry the BOM: ${firstColumn}`);
  return `SELECT * RENAME (${quoteIdent(firstColumn)} AS ${quoteIdent(`\uFEFF${firstColumn}`)}) FROM (${query})`;
}

/** A file name the sealed format accepts, for a download of `kind` (and alert code). */
export function toDownloadFile(kind: string, code?: string): string {
  const stem = code === undefined ? kind : `${kind}-${code.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const file = `${stem}.csv`;
  if (!FILE_NAME_PATTERN.test(file)) throw new Error(`download file name out of pattern: ${file}`);
  return file;
}
