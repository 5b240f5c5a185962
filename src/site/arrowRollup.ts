import type { Table } from 'apache-arrow/table';
import { cachedFor, converted, pickRows, readCells, type Cell, type Converted, type Row } from './arrowRows.ts';

// A module of its own: only the charts that sum as they read (failures by code) load it, after the first view.
/** Text key of one combination of cells (null apart from the text "null"). */
const toGroupKey = (cells: readonly Cell[]): string => cells.map((c) => (c === null ? '\u0001' : String(c))).join('\u0000');

/**
 * The rows matching `where`, summed per distinct combination of the `by` columns over the `sum` columns, read straight
 * from the columns: no object is made per table row. Columns the table lacks are left out; cached like `toRows`.
 */
export function toRollupRows(
  table: Table,
  where: Readonly<Record<string, Cell>>,
  rollup: { by: readonly string[]; sum: readonly string[] },
): Converted {
  const names = table.schema.fields.map((f) => f.name);
  const filters = Object.entries(where).filter(([c]) => names.includes(c));
  const by = rollup.by.filter((c) => names.includes(c));
  const sum = rollup.sum.filter((c) => names.includes(c));
  return cachedFor(converted, table, JSON.stringify([filters, by, sum]), () => {
    const keys = by.map((c) => readCells(table, names.indexOf(c)));
    const sums = sum.map((c) => readCells(table, names.indexOf(c)));
    const groups = new Map<string, Row>();
    for (const r of pickRows(table, names, filters)) {
      const cells = keys.map((column) => column[r] ?? null);
      const id = toGroupKey(cells);
      let row = groups.get(id);
      if (!row) {
        row = Object.fromEntries([...by.map((c, i) => [c, cells[i] ?? null]), ...sum.map((c) => [c, 0])]) as Row;
        groups.set(id, row);
      }
      const totals = row as Record<string, number>;
      sums.forEach((column, i) => {
        const value = column[r];
        const name = sum[i] as string;
        if (typeof value === 'number') totals[name] = (totals[name] ?? 0) + value;
      });
    }
    return { columns: [...by, ...sum], rows: [...groups.values()] };
  });
}
