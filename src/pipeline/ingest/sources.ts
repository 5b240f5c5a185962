import { CarsError } from '../../lib/errors.ts';
import { queryRows, sqlString, type Db } from '../../lib/duckdb.ts';
import type { ColumnSpec, FileSpec } from '../contract.ts';
import { checkColumnSet, checkParquetSchema, readCsvHeader } from './columns.ts';
import type { InputFile } from './locate.ts';

/**
 * A source is one input file as a relation with `rid` (0-based record ordinal) and every contract
 * column as VARCHAR (empty = NULL; NULL too for natively typed Parquet dates and timestamps, whose
 * typed value is in `"<name>#"`). It is read where used, never copied: writing a VARCHAR copy
 * of a large month costs more than parsing the file again.
 */
export interface Source {
  fi: number;
  month: string;
  /** Position of the month among the loaded months, oldest first. */
  mi: number;
  csv: boolean;
  file: InputFile;
  /** The file's own column order (a rejected row's record is rebuilt in it). */
  columns: string[];
  sql: string;
  /** The same relation without `rid`: numbering CSV records is a window over the whole file. */
  plainSql: string;
  /**
   * Parquet whose dates and times are native (reading it needs no session time zone): its rows typed as the
   * loaded table holds them, from plain column references DuckDB can push filters into. Right only for a file
   * without rejected rows (non-null text columns are then never empty).
   */
  loadedSql?: string;
}

const quoted = (name: string): string => `"${name}"`;

/** Columns checked and loaded through a typed value: `"<name>#"` (typed) and `"<name>?"` (true when natively typed). */
export const typedColumns = (spec: FileSpec): ColumnSpec[] =>
  spec.columns.filter((c) => c.type === 'DATE' || c.type === 'TIMESTAMPTZ' || c.type === 'TINYINT');
const checkType = (column: ColumnSpec): string => (column.type === 'TINYINT' ? 'INTEGER' : column.type);
const fromText = (column: ColumnSpec): string =>
  `TRY_CAST(${quoted(column.name)} AS ${checkType(column)}) AS "${column.name}#", false AS "${column.name}?"`;

type SourceSql = Pick<Source, 'columns' | 'sql' | 'plainSql' | 'loadedSql'>;

async function toCsvSource(spec: FileSpec, file: InputFile): Promise<SourceSql> {
  const header = await readCsvHeader(file.path, file.shown);
  checkColumnSet(spec, header, file.shown);
  const columns = `{${header.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(', ')}}`;
  // Records the parser cannot split go to DuckDB's reject_errors table instead of failing the read.
  const typed = typedColumns(spec).map(fromText);
  const read = `read_csv(${sqlString(file.path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = ${columns}, strict_mode = true, store_rejects = true, rejects_limit = 0)`;
  const names = spec.columns.map((c) => quoted(c.name)).join(', ');
  return {
    columns: header,
    sql: `SELECT *, ${typed.join(', ')} FROM (SELECT row_number() OVER () - 1 AS rid, ${names} FROM ${read})`,
    plainSql: `SELECT *, ${typed.join(', ')} FROM (SELECT ${names} FROM ${read})`,
  };
}

async function toParquetSource(db: Db, spec: FileSpec, file: InputFile): Promise<SourceSql> {
  let schema: { name: string; type: string }[];
  try {
    const rows = await queryRows<{ column_name: string; column_type: string }>(
      db,
      `DESCRIBE SELECT * FROM read_parquet(${sqlString(file.path)})`,
    );
    schema = rows.map((r) => ({ name: r.column_name, type: r.column_type }));
  } catch (error) {
    throw new CarsError('not a readable Parquet file', (error as Error).message.split('\n')[0], file.shown);
  }
  checkParquetSchema(spec, schema, file.shown);
  const typeOf = (name: string): string => schema.find((s) => s.name === name)?.type ?? '';
  const select = spec.columns.map((c) => {
    // formatting every native date and timestamp as text costs CPU on every row; the rules use the typed value
    if (isNativeTime(c, typeOf(c.name))) return `NULL::VARCHAR AS ${quoted(c.name)}`;
    const value =
      c.type === 'VARCHAR[]' && typeOf(c.name).endsWith('[]')
        ? `array_to_string(${quoted(c.name)}, ';')`
        : `CAST(${quoted(c.name)} AS VARCHAR)`;
    return `nullif(${value}, '') AS ${quoted(c.name)}`;
  });
  // Natively typed columns are used as they are; VARCHAR ones are parsed like CSV text.
  const typed = typedColumns(spec).map((c) =>
    typeOf(c.name) === 'VARCHAR' ? fromText(c) : `TRY_CAST(src.${quoted(c.name)} AS ${checkType(c)}) AS "${c.name}#", true AS "${c.name}?"`,
  );
  const sql = `SELECT file_row_number AS rid, ${[...select, ...typed].join(', ')} FROM read_parquet(${sqlString(file.path)}, file_row_number = true) src`;
  const nativeTimes = spec.columns.every((c) => (c.type !== 'DATE' && c.type !== 'TIMESTAMPTZ') || isNativeTime(c, typeOf(c.name)));
  const loaded = spec.columns.map((c) => `${toLoadedSql(c, typeOf(c.name))} AS ${quoted(c.name)}`);
  const loadedSql = nativeTimes ? `SELECT ${loaded.join(', ')} FROM read_parquet(${sqlString(file.path)})` : undefined;
  return { columns: schema.map((c) => c.name), sql, plainSql: sql, loadedSql };
}

/** A validated Parquet column as the loaded table types it: the plain column wherever the types agree. */
function toLoadedSql(column: ColumnSpec, type: string): string {
  const name = quoted(column.name);
  if (column.type === 'VARCHAR[]') return type.endsWith('[]') ? name : `string_split(nullif(CAST(${name} AS VARCHAR), ''), ';')`;
  if (column.type !== 'VARCHAR') return isNativeTime(column, type) || type === column.type ? name : `CAST(${name} AS ${column.type})`;
  const text = type === 'VARCHAR' ? name : `CAST(${name} AS VARCHAR)`;
  return column.nullable ? `nullif(${text}, '')` : text;
}

const isNativeTime = (column: ColumnSpec, type: string): boolean =>
  (column.type === 'DATE' && type === 'DATE') || (column.type === 'TIMESTAMPTZ' && type === 'TIMESTAMP WITH TIME ZONE');

/** Check a file's columns (a wrong set or type fails the whole file) and describe it as a source. */
export async function toSource(db: Db, spec: FileSpec, file: InputFile, fi: number, mi: number): Promise<Source> {
  const csv = file.format === 'csv';
  return { fi, month: file.month, mi, csv, file, ...(csv ? await toCsvSource(spec, file) : await toParquetSource(db, spec, file)) };
}
