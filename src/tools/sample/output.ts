import type { ColumnSpec, FileSpec } from '../../pipeline/contract.ts';
import { sqlString } from '../../lib/duckdb.ts';

export type SampleFormat = 'csv' | 'parquet';

/**
 * One output column in the shape the format wants. CSV: ISO 8601 UTC with `Z`, dates YYYY-MM-DD,
 * lists already `;`-joined. Parquet keeps typed timestamps/dates/integers; list columns stay the
 * `;`-joined text the contract describes, so both formats carry the same values.
 */
export function toOutputColumn(column: ColumnSpec, format: SampleFormat): string {
  const name = `"${column.name}"`;
  switch (column.type) {
    case 'TIMESTAMPTZ': {
      // Truncated to milliseconds through epoch_ms: date_trunc and timezone() on TIMESTAMPTZ go through ICU per row.
      const millis = `epoch_ms(${name}::TIMESTAMPTZ)`;
      return format === 'csv'
        ? `strftime(make_timestamp(${millis} * 1000), '%Y-%m-%dT%H:%M:%S.%gZ') AS ${name}`
        : `to_timestamp(${millis} / 1000.0) AS ${name}`;
    }
    case 'DATE':
      return format === 'csv' ? `strftime(${name}::DATE, '%Y-%m-%d') AS ${name}` : `${name}::DATE AS ${name}`;
    case 'TINYINT':
      return `${name}::TINYINT AS ${name}`;
    case 'VARCHAR':
    case 'VARCHAR[]':
      // Parquet keeps ENUM columns as they are: written from their dictionary, read back as text.
      return format === 'csv' ? `${name}::VARCHAR AS ${name}` : name;
  }
}

/** `COPY (…) TO path` writing `query`'s rows with exactly the contract's columns, in order. */
export function buildCopySql(spec: FileSpec, query: string, format: SampleFormat, path: string): string {
  const columns = spec.columns.map((c) => toOutputColumn(c, format)).join(', ');
  // Parquet: fast zstd; dictionaries only from ENUM columns (trying one on ids and times costs more than it saves).
  const options =
    format === 'csv'
      ? "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR ''"
      : 'FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, DICTIONARY_SIZE_LIMIT 1, WRITE_BLOOM_FILTER false';
  return `COPY (SELECT ${columns} FROM (${query.replace(/;\s*$/, '')})) TO ${sqlString(path)} (${options})`;
}

export const toFileName = (spec: FileSpec, format: SampleFormat): string => `${spec.name}.${format}`;
