import { DataType } from 'apache-arrow/type';
import type { Table } from 'apache-arrow/table';

export type Cell = string | number | boolean | null | readonly number[];
export type Row = Record<string, Cell>;

const toIsoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Arrow table → plain rows: integers as numbers, dates as YYYY-MM-DD, timestamps as ISO text. */
export function toRows(table: Table): { columns: string[]; rows: Row[] } {
  const fields = table.schema.fields;
  const columns = fields.map((f) => f.name);
  const convert = fields.map((field) => {
    if (DataType.isDate(field.type))
      return (v: unknown): Cell => (v == null ? null : toIsoDay(v instanceof Date ? v.getTime() : Number(v)));
    if (DataType.isList(field.type) || DataType.isFixedSizeList(field.type))
      return (v: unknown): Cell => (v == null ? null : Array.from(v as Iterable<unknown>, (x) => Number(x)));
    if (DataType.isTimestamp(field.type))
      return (v: unknown): Cell => (v == null ? null : new Date(v instanceof Date ? v.getTime() : Number(v)).toISOString());
    return (v: unknown): Cell => {
      if (v == null) return null;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
      return String(v);
    };
  });
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array<Row>(table.numRows);
  for (let r = 0; r < table.numRows; r += 1) {
    const row: Row = {};
    for (let c = 0; c < columns.length; c += 1) row[columns[c] as string] = (convert[c] as (v: unknown) => Cell)(vectors[c]?.get(r));
    rows[r] = row;
  }
  return { columns, rows };
}
