import { describe, expect, it } from 'vitest';
import { openDb, queryRows, readSql } from '../../src/lib/duckdb.ts';
import { readPolicy } from '../../src/pipeline/metrics/policy.ts';
import { toSqlVars } from '../../src/pipeline/metrics/registry.ts';
import { suppressSecondary } from '../../src/pipeline/metrics/secondary.ts';

/**
 * root_causes.sql itself on hand-made requests of one item: each model's firmware slices under that model's slice.
 * Parties B–G send M1 firmware 2.0 and both firmware of M2; only B and C send M1 firmware 1.0; A (the reader) sends
 * M2 2.0 and requests without a device record.
 */
const REQUESTS: [party: string, model: string | null, firmware: string | null, n: number][] = [
  ...['B', 'C', 'D', 'E', 'F', 'G'].flatMap((p, i): [string, string | null, string | null, number][] => [
    [p, 'M1', '2.0', 100 + i],
    [p, 'M2', '1.0', 5 + i],
    [p, 'M2', '2.0', 200 + i],
    [p, null, null, 30 + i],
  ]),
  ['B', 'M1', '1.0', 4],
  ['C', 'M1', '1.0', 6],
  ['A', 'M2', '2.0', 50],
  ['A', null, null, 20],
];

const policy = await readPolicy();
const SQL = (name: string): URL => new URL(`../../src/pipeline/metrics/sql/${name}.sql`, import.meta.url);

interface SecRow {
  cell: string;
  marginal: string;
  parent_cell: string | null;
  suppressed: boolean;
  vol: bigint | null;
}

async function decide(requests = REQUESTS): Promise<{ before: SecRow[]; after: SecRow[] }> {
  const { db, close } = await openDb();
  try {
    const vars = toSqlVars('2025-10', policy);
    for (const name of ['macros', 'previous_month_none', 'month_rule']) await db.run(await readSql(SQL(name), vars));
    const values = requests.map(([p, m, f, n]) => `('${p}', ${m ? `'${m}'` : 'NULL'}, ${f ? `'${f}'` : 'NULL'}, ${n})`).join(', ');
    await db.run(`
      CREATE TABLE req_item AS SELECT 'RDI-8.2' AS item_id, 'IS' AS role, party_id, model, firmware,
        'Credit' AS meter_type, 'North' AS region, '2' AS smets, i % 10 <> 0 AS ok
      FROM (VALUES ${values}) t(party_id, model, firmware, n), range(n) r(i);
      CREATE TABLE item_monthly AS SELECT DISTINCT party_id, role, item_id, 'published' AS industry_status FROM req_item;`);
    await db.run(await readSql(SQL('root_causes'), vars));
    const read = (): Promise<SecRow[]> =>
      queryRows<SecRow>(db, `SELECT cell, marginal, parent_cell, suppressed, vol FROM root_causes_sec WHERE reader = 'A' ORDER BY cell`);
    const before = await read();
    await suppressSecondary(db, 'root_causes');
    return { before, after: await read() };
  } finally {
    close();
  }
}

describe('root_causes.sql: firmware under its model', () => {
  it('groups each model’s firmware slices under that model’s slice, requests without a device record included', async () => {
    const { before } = await decide();
    const of = (cell: string): SecRow | undefined => before.find((r) => r.cell === cell);
    expect(of('RDI-8.2|IS|firmware|["M1","1.0"]')).toMatchObject({
      marginal: 'RDI-8.2|IS|firmware|M1',
      parent_cell: 'RDI-8.2|IS|model|M1',
    });
    expect(of('RDI-8.2|IS|firmware|[null,null]')).toMatchObject({
      marginal: 'RDI-8.2|IS|firmware|Model not recorded',
      parent_cell: 'RDI-8.2|IS|model|Model not recorded',
    });
    expect(of('RDI-8.2|IS|model|M1')).toMatchObject({ marginal: 'RDI-8.2|IS|model', parent_cell: null });
  });

  it('hides the other firmware slice of the same model from the reader, not one of another model', async () => {
    const { before, after } = await decide();
    expect(before.filter((r) => r.suppressed).map((r) => r.cell)).toEqual(['RDI-8.2|IS|firmware|["M1","1.0"]']);
    expect(after.filter((r) => r.suppressed).map((r) => r.cell)).toEqual([
      'RDI-8.2|IS|firmware|["M1","1.0"]',
      'RDI-8.2|IS|firmware|["M1","2.0"]',
    ]);
  });

  it('keeps two slices apart whose names read the same once joined by the separator', async () => {
    const both: typeof REQUESTS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].flatMap((p, i): typeof REQUESTS => [
      [p, 'X / Y', 'Z', 100 + i],
      [p, 'X', 'Y / Z', 200 + i],
    ]);
    const { before } = await decide(both);
    const firmware = before.filter((r) => r.cell.includes('|firmware|'));
    expect(firmware.map((r) => [r.cell, r.marginal, r.parent_cell, Number(r.vol)])).toEqual([
      ['RDI-8.2|IS|firmware|["X / Y","Z"]', 'RDI-8.2|IS|firmware|X / Y', 'RDI-8.2|IS|model|X / Y', 100],
      ['RDI-8.2|IS|firmware|["X","Y / Z"]', 'RDI-8.2|IS|firmware|X', 'RDI-8.2|IS|model|X', 200],
    ]);
  });
});
