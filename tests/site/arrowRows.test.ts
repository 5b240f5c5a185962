import { Bool, DateDay, Field, Float64, Int32, Int64, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/site/arrowRows.ts';

const DAY = 86_400_000;

/** Plain rows and the Arrow table holding them, column types as the partition stage writes them. */
function buildTable(rows: Row[]): Table {
  const column = <T>(name: string) => rows.map((r) => r[name] as T);
  return new Table({
    role: vectorFromArray(column<string | null>('role'), new Utf8()),
    model: vectorFromArray(column<string | null>('model'), new Utf8()),
    requests: vectorFromArray(column<number | null>('requests'), new Int32()),
    rate: vectorFromArray(column<number | null>('rate'), new Float64()),
    big: vectorFromArray(
      rows.map((r) => (r.big === null ? null : BigInt(r.big as number))),
      new Int64(),
    ),
    ok: vectorFromArray(column<boolean | null>('ok'), new Bool()),
    day: vectorFromArray(
      rows.map((r) => (r.day === null ? null : new Date(`${String(r.day)}T00:00:00Z`))),
      new DateDay(),
    ),
    hist: vectorFromArray(column<number[] | null>('hist'), new List(new Field('item', new Int32(), false))),
  });
}

const toRow = (i: number): Row => ({
  role: i % 3 === 0 ? 'ED' : 'IS',
  model: i % 5 === 0 ? null : i % 2 ? `Zähler ${i}` : `Hub ${i}`,
  requests: i % 7 === 0 ? null : i * 10,
  rate: i % 4 === 0 ? null : i / 8,
  big: i * 1000,
  ok: i % 6 === 0 ? null : i % 2 === 0,
  day: i % 9 === 0 ? null : new Date(Date.UTC(2025, 2, 1) + (i % 28) * DAY).toISOString().slice(0, 10),
  hist: i % 8 === 0 ? null : [i, i + 1, 0],
});

describe('Arrow table to rows', () => {
  const rows = Array.from({ length: 40 }, (_, i) => toRow(i));
  const ascii = rows.map((r): Row => ({ ...r, model: typeof r.model === 'string' ? r.model.replace('ä', 'a') : (r.model ?? null) }));

  it('gives every cell back as the plain value it was, nulls included, in text that is ASCII or not', () => {
    for (const expected of [rows, ascii]) {
      const table = buildTable(expected);
      expect(toRows(table)).toEqual({ columns: Object.keys(expected[0] as Row), rows: expected });
    }
  });

  it('reads a table of several record batches in order', () => {
    const table = buildTable(rows.slice(0, 13)).concat(buildTable(rows.slice(13)));
    expect(table.batches.length).toBe(2);
    expect(toRows(table).rows).toEqual(rows);
  });

  it('reads a slice of a table (booleans are sliced by bit offset, other buffers are cut)', () => {
    expect(toRows(buildTable(rows).slice(3, 29)).rows).toEqual(rows.slice(3, 29));
  });

  it('with a filter, makes only the matching rows, whether few or most of the table match', () => {
    const table = buildTable(rows);
    const few = { role: 'ED', requests: 30 };
    const most = { role: 'IS', absent: 'ignored' };
    expect(toRows(table, few).rows).toEqual(rows.filter((r) => r.role === 'ED' && r.requests === 30));
    expect(toRows(table, most).rows).toEqual(rows.filter((r) => r.role === 'IS'));
    expect(toRows(table, most).rows.length).toBeGreaterThan(rows.length / 2);
  });

  it('converts a table once per filter and hands the same rows to every reader', () => {
    const table = buildTable(rows);
    expect(toRows(table)).toBe(toRows(table));
    expect(toRows(table, { role: 'ED' })).toBe(toRows(table, { role: 'ED' }));
    expect(toRows(table, { role: 'ED' })).not.toBe(toRows(table, { role: 'IS' }));
  });
});
