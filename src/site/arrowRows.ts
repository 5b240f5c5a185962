import type { Data } from 'apache-arrow/data';
import type { Table } from 'apache-arrow/table';
import { Precision } from 'apache-arrow/enum';
import { DataType } from 'apache-arrow/type';
import type { Vector } from 'apache-arrow/vector';

export type Cell = string | number | boolean | null | readonly number[];
export type Row = Record<string, Cell>;
type Convert = (v: unknown) => Cell;

const toIsoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Per-value conversion: integers as numbers, dates as YYYY-MM-DD, timestamps as ISO text. */
function toConvert(type: DataType): Convert {
  if (DataType.isDate(type)) return (v) => (v == null ? null : toIsoDay(v instanceof Date ? v.getTime() : Number(v)));
  if (DataType.isList(type) || DataType.isFixedSizeList(type))
    return (v) => (v == null ? null : Array.from(v as Iterable<unknown>, (x) => Number(x)));
  if (DataType.isTimestamp(type)) return (v) => (v == null ? null : new Date(v instanceof Date ? v.getTime() : Number(v)).toISOString());
  return (v) => {
    if (v == null) return null;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return String(v);
  };
}

/** Numbers held in a plain typed array (no 64-bit integers, no half floats). */
const isPlainNumber = (type: DataType): boolean =>
  (DataType.isInt(type) && type.bitWidth <= 32) || (DataType.isFloat(type) && type.precision !== Precision.HALF);

function isAscii(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

/**
 * Fill `out[at…]` from one chunk straight from its buffers, where that is simple: plain and 64-bit integer numbers,
 * booleans, ASCII text (decoded once per chunk rather than once per value) and lists of plain numbers. False when it is not.
 */
function readChunkFast(data: Data, out: Cell[], at: number): boolean {
  const { type, length } = data;
  // nullCount is a getter that may count the bitmap: read it once per chunk, not once per cell
  const noNulls = data.nullCount === 0;
  const valid = (i: number): boolean => noNulls || data.getValid(i);
  if (isPlainNumber(type)) {
    const values = data.values as ArrayLike<number>;
    for (let i = 0; i < length; i += 1) out[at + i] = valid(i) ? (values[i] as number) : null;
    return true;
  }
  if (DataType.isInt(type) && type.bitWidth === 64) {
    const values = data.values as BigInt64Array | BigUint64Array;
    for (let i = 0; i < length; i += 1) out[at + i] = valid(i) ? Number(values[i]) : null;
    return true;
  }
  if (DataType.isBool(type)) {
    const bits = data.values as Uint8Array;
    for (let i = 0, b = data.offset; i < length; i += 1, b += 1)
      out[at + i] = valid(i) ? (((bits[b >> 3] as number) >> (b & 7)) & 1) === 1 : null;
    return true;
  }
  const offsets = data.valueOffsets as Int32Array | undefined;
  if (DataType.isUtf8(type) && offsets) {
    const bytes = data.values as Uint8Array;
    const start = offsets[0] as number;
    const end = offsets[length] as number;
    if (!isAscii(bytes, start, end)) return false;
    const text = new TextDecoder().decode(bytes.subarray(start, end));
    for (let i = 0; i < length; i += 1)
      out[at + i] = valid(i) ? text.slice((offsets[i] as number) - start, (offsets[i + 1] as number) - start) : null;
    return true;
  }
  const child = data.children[0];
  if (DataType.isList(type) && offsets && child && child.nullCount === 0 && isPlainNumber(child.type)) {
    const values = child.values as Int32Array | Float64Array;
    for (let i = 0; i < length; i += 1) {
      if (!valid(i)) {
        out[at + i] = null;
        continue;
      }
      const from = offsets[i] as number;
      const list = new Array<number>((offsets[i + 1] as number) - from);
      for (let k = 0; k < list.length; k += 1) list[k] = values[from + k] as number;
      out[at + i] = list;
    }
    return true;
  }
  return false;
}

function readColumn(vector: Vector, convert: Convert): Cell[] {
  const out = new Array<Cell>(vector.length);
  let at = 0;
  for (const data of vector.data) {
    if (!readChunkFast(data, out, at)) for (let i = 0; i < data.length; i += 1) out[at + i] = convert(vector.get(at + i));
    at += data.length;
  }
  return out;
}

/** A table as rows, with its column names. */
export type Converted = { columns: string[]; rows: Row[] };
const converted = new WeakMap<Table, Map<string, Converted>>();
const columnCache = new WeakMap<Table, Map<number, Cell[]>>();
const indexCache = new WeakMap<Table, Map<number, Map<Cell, number[]>>>();

/** The value cached for `table` and `key`, made by `make` the first time. */
export function cachedFor<K, V>(cache: WeakMap<Table, Map<K, V>>, table: Table, key: K, make: () => V): V {
  const byKey = cache.get(table) ?? new Map<K, V>();
  cache.set(table, byKey);
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

/** One column's cells, read once per table. */
export const readCells = (table: Table, c: number): Cell[] =>
  cachedFor(columnCache, table, c, () => {
    const vector = table.getChildAt(c);
    const field = table.schema.fields[c] as (typeof table.schema.fields)[number];
    return vector ? readColumn(vector, toConvert(field.type)) : new Array<Cell>(table.numRows).fill(null);
  });

/** Row numbers of each value of one column, built once per table: a page filters one big table per item many times. */
const readIndex = (table: Table, c: number): Map<Cell, number[]> =>
  cachedFor(indexCache, table, c, () => {
    const index = new Map<Cell, number[]>();
    readCells(table, c).forEach((cell, r) => {
      const rows = index.get(cell);
      if (rows) rows.push(r);
      else index.set(cell, [r]);
    });
    return index;
  });

/** Rows whose cells equal every filter value: the last filter (the most specific one, such as an item) through its index. */
function pickRows(table: Table, columns: readonly string[], filters: readonly [string, Cell][]): number[] {
  const last = filters[filters.length - 1];
  if (!last) return Array.from({ length: table.numRows }, (_, r) => r);
  const candidates = readIndex(table, columns.indexOf(last[0])).get(last[1]) ?? [];
  const tests = filters.slice(0, -1).map(([c, value]) => ({ cells: readCells(table, columns.indexOf(c)), value }));
  return tests.length === 0 ? candidates : candidates.filter((r) => tests.every((t) => t.cells[r] === t.value));
}

/**
 * Arrow table → plain rows: integers as numbers, dates as YYYY-MM-DD, timestamps as ISO text. With `where`,
 * only rows whose cells equal those values (columns the table lacks are ignored) become objects: a chart of one
 * item reads a few hundred rows of a daily table of tens of thousands. Converted once per table and filter;
 * the rows are shared, never change them.
 */
export function toRows(table: Table, where: Readonly<Record<string, Cell>> = {}): Converted {
  const columns = table.schema.fields.map((f) => f.name);
  const filters = Object.entries(where).filter(([c]) => columns.includes(c));
  return cachedFor(converted, table, JSON.stringify(filters), () => convertRows(table, columns, filters));
}

function convertRows(table: Table, columns: string[], filters: readonly [string, Cell][]): Converted {
  const picked = pickRows(table, columns, filters);
  // Few rows: convert just their cells; most rows: read whole columns from their buffers.
  const few = picked.length * 8 < table.numRows;
  const readers = columns.map((_, c): ((r: number) => Cell) => {
    if (!few) {
      const cells = readCells(table, c);
      return (r) => cells[r] ?? null;
    }
    const vector = table.getChildAt(c);
    const convert = toConvert((table.schema.fields[c] as (typeof table.schema.fields)[number]).type);
    return (r) => (vector ? convert(vector.get(r)) : null);
  });
  const rows = picked.map((r) => {
    const row: Row = {};
    for (let c = 0; c < columns.length; c += 1) row[columns[c] as string] = (readers[c] as (r: number) => Cell)(r);
    return row;
  });
  return { columns, rows };
}
