import type { Data } from 'apache-arrow/data';
import type { Table } from 'apache-arrow/table';
import { cachedFor, readCells, type Cell } from './arrowRows.ts';

/** A list column's values end to end, with each row's start and end: summing lists needs no array per row. */
interface FlatLists {
  offsets: Int32Array;
  values: ArrayLike<number>;
}

const flatCache = new WeakMap<Table, Map<number, FlatLists>>();

const isBigInt = (values: ArrayBufferView): boolean => values instanceof BigInt64Array || values instanceof BigUint64Array;

/** Rows of a list column as (offsets, values), across chunks, read once per table; a null list is empty. */
const flattenLists = (table: Table, c: number): FlatLists => cachedFor(flatCache, table, c, () => toFlatLists(table, c));

function toFlatLists(table: Table, c: number): FlatLists {
  const chunks = (table.getChildAt(c)?.data ?? []) as Data[];
  const offsets = new Int32Array(table.numRows + 1);
  const capacity = chunks.reduce((n, d) => n + ((d.valueOffsets?.[d.length] ?? 0) - (d.valueOffsets?.[0] ?? 0)), 0);
  const values = new Float64Array(capacity);
  let row = 0;
  let length = 0;
  for (const chunk of chunks) {
    const from = chunk.valueOffsets as Int32Array;
    const child = chunk.children[0];
    const plain = chunk.nullCount === 0 && child?.nullCount === 0 && ArrayBuffer.isView(child.values) && !isBigInt(child.values);
    if (plain) {
      // the usual case, a histogram per row: one copy of the chunk's values
      values.set((child.values as Int32Array).subarray(from[0], from[chunk.length]), length);
      for (let i = 0; i < chunk.length; i += 1) offsets[row + i + 1] = length + (from[i + 1] as number) - (from[0] as number);
      row += chunk.length;
      length = offsets[row] as number;
      continue;
    }
    const cells = (child?.values ?? []) as ArrayLike<number | bigint>;
    for (let i = 0; i < chunk.length; i += 1, row += 1) {
      if (chunk.getValid(i))
        for (let k = from[i] as number; k < (from[i + 1] as number); k += 1, length += 1) values[length] = Number(cells[k] ?? 0);
      offsets[row + 1] = length;
    }
  }
  return { offsets, values };
}

/** An Arrow table as Explore's column source: a column is read (once) only when a query needs it. */
export function toColumnSource(table: Table) {
  const columns = table.schema.fields.map((f) => f.name);
  const indexOf = (column: string): number => columns.indexOf(column);
  return {
    numRows: table.numRows,
    columns,
    cells: (column: string): readonly Cell[] => (indexOf(column) < 0 ? [] : readCells(table, indexOf(column))),
    addLists(column: string, rows: readonly number[], into: number[]): void {
      if (indexOf(column) < 0) return;
      const { offsets, values } = flattenLists(table, indexOf(column));
      for (const r of rows) {
        const start = offsets[r] as number;
        const end = Math.min(offsets[r + 1] as number, start + into.length);
        for (let k = start; k < end; k += 1) into[k - start]! += values[k] as number;
      }
    },
  };
}
