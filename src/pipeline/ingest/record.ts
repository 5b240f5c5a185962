import { toShownSql } from './rules.ts';
import type { Source } from './sources.ts';

/** One field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
const toFieldSql = (column: string): string => {
  const value = toShownSql(column);
  return `CASE WHEN ${value} IS NULL THEN '' WHEN regexp_matches(${value}, '[",\\r\\n]') THEN '"' || replace(${value}, '"', '""') || '"' ELSE ${value} END`;
};

const toLineSql = (columns: string[]): string => columns.map(toFieldSql).join(` || ',' || `);

/**
 * A staged row `r` as one CSV record in its file's column order, rebuilt from the fields DuckDB read (the
 * reader keeps no raw text of a parsed row): the same values as the input, the quoting as RFC 4180 writes it.
 */
export function buildRecordSql(sources: Source[]): string {
  const orders = new Map<string, { columns: string[]; fis: number[] }>();
  for (const s of sources) {
    const order = orders.get(s.columns.join()) ?? { columns: s.columns, fis: [] };
    orders.set(s.columns.join(), { ...order, fis: [...order.fis, s.fi] });
  }
  const found = [...orders.values()];
  if (found.length === 1) return toLineSql(found[0]?.columns ?? []);
  return `CASE ${found.map((o) => `WHEN r.fi IN (${o.fis.join(', ')}) THEN ${toLineSql(o.columns)}`).join(' ')} END`;
}
