import { sqlString } from '../../lib/duckdb.ts';
import { FILE_NAME_PATTERN } from '../../shared/seal/index.ts';

/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when the file starts with it. */
export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

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

/** RFC 4180 CSV (header, CRLF, `"` quoting) of a query; the BOM is added after. */
export const toCopySql = (query: string, path: string): string =>
  `COPY (${query}) TO ${sqlString(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE e'\\r\\n')`;

/** A file name the sealed format accepts, for a download of `kind` (and alert code). */
export function toDownloadFile(kind: string, code?: string): string {
  const stem = code === undefined ? kind : `${kind}-${code.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const file = `${stem}.csv`;
  if (!FILE_NAME_PATTERN.test(file)) throw new Error(`download file name out of pattern: ${file}`);
  return file;
}
