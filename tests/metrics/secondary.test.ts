import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb, queryRows, readSql, type Db } from '../../src/lib/duckdb.ts';
import { readPolicy } from '../../src/pipeline/metrics/policy.ts';
import { toSqlVars } from '../../src/pipeline/metrics/registry.ts';
import { suppressSecondary } from '../../src/pipeline/metrics/secondary.ts';
import { passes } from './disclosureRule.ts';

/** One contribution: party `party` put `vol` units into cell `cell` of parent `marginal`. */
interface Contribution {
  marginal: string;
  cell: number;
  party: string;
  vol: number;
}
interface Decision {
  reader: string;
  marginal: string;
  cell: number;
  suppressed: boolean;
  secondary: boolean;
  parent_suppressed: boolean;
}

const policy = await readPolicy();

const sumByParty = (rows: Contribution[]): Map<string, number> =>
  rows.reduce((m, r) => m.set(r.party, (m.get(r.party) ?? 0) + r.vol), new Map<string, number>());

/** What a reader can still derive after suppression: a lone hidden cell, or a hidden sum that fails the rule. */
function findLeaks(contributions: Contribution[], decisions: Decision[]): string[] {
  const leaks: string[] = [];
  const pairs = new Map<string, Decision[]>();
  for (const d of decisions) pairs.set(`${d.reader}|${d.marginal}`, [...(pairs.get(`${d.reader}|${d.marginal}`) ?? []), d]);
  for (const [pair, cells] of pairs) {
    const reader = cells[0]!.reader;
    const byCell = (cell: number): Contribution[] => contributions.filter((c) => c.marginal === cells[0]!.marginal && c.cell === cell);
    const othersIn = (cell: number): number => byCell(cell).reduce((s, c) => s + (c.party === reader ? 0 : c.vol), 0);
    if (cells[0]!.parent_suppressed) {
      if (cells.some((c) => !c.suppressed)) leaks.push(`${pair}: parent hidden, but cells shown add up to it`);
      continue;
    }
    const hidden = cells.filter((c) => c.suppressed && othersIn(c.cell) > 0);
    if (hidden.length === 1) leaks.push(`${pair}: cell ${hidden[0]!.cell} = parent − shown cells`);
    if (hidden.length > 1 && !passes(reader, sumByParty(hidden.flatMap((h) => byCell(h.cell))), policy.disclosure))
      leaks.push(`${pair}: hidden cells ${hidden.map((h) => h.cell).join('+')} sum to a figure below the rule`);
  }
  return leaks;
}

const values = (rows: Contribution[]): string =>
  rows.map((r) => `('${r.marginal}', ${r.cell}, '${r.party}', ${r.vol})`).join(', ') || `('m', 0, 'X', 0)`;

/** The decisions table the metrics SQL builds, from contributions: primary rule per cell and per parent. */
async function decide(db: Db, contributions: Contribution[], readers: string[]): Promise<void> {
  await db.run(`
    CREATE OR REPLACE TABLE contribution AS SELECT * FROM (VALUES ${values(contributions)}) t(marginal, cell, party_id, vol) WHERE vol > 0;
    CREATE OR REPLACE TABLE item_daily_contrib AS SELECT cell, party_id, vol FROM contribution;
    CREATE OR REPLACE TABLE parent_contrib AS SELECT marginal AS cell, party_id, sum(vol) AS vol FROM contribution GROUP BY ALL;
    CREATE OR REPLACE TABLE item_daily_sec AS
    WITH cells AS (SELECT marginal, cell, sum(vol) AS total FROM contribution GROUP BY ALL),
      g AS (SELECT * FROM peer_groups('item_daily_contrib')), gp AS (SELECT * FROM peer_groups('parent_contrib'))
    SELECT r.reader, c.marginal, c.cell, o.vol, c.total - coalesce(o.vol, 0) AS others_vol,
      is_suppressed(r.reader, po.vol, gp.n_parties, gp.total_vol, gp.top_parties, gp.top_vols) AS parent_suppressed,
      is_suppressed(r.reader, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed, false AS secondary
    FROM (SELECT unnest([${readers.map((r) => `'${r}'`).join(', ')}]) AS reader) r CROSS JOIN cells c
    LEFT JOIN item_daily_contrib o ON o.cell = c.cell AND o.party_id = r.reader
    LEFT JOIN parent_contrib po ON po.cell = c.marginal AND po.party_id = r.reader
    LEFT JOIN g ON g.cell = c.cell LEFT JOIN gp ON gp.cell = c.marginal;`);
}

async function run(contributions: Contribution[], readers: string[]): Promise<{ before: Decision[]; after: Decision[] }> {
  const { db, close } = await openDb();
  try {
    const vars = toSqlVars('2025-10', policy);
    for (const name of ['macros', 'previous_month_none', 'month_rule'])
      await db.run(await readSql(new URL(`../../src/pipeline/metrics/sql/${name}.sql`, import.meta.url), vars));
    await decide(db, contributions, readers);
    const read = (): Promise<Decision[]> =>
      queryRows<Decision>(db, 'SELECT reader, marginal, cell, suppressed, secondary, parent_suppressed FROM item_daily_sec ORDER BY ALL');
    const before = await read();
    await suppressSecondary(db, 'item_daily');
    return { before, after: await read() };
  } finally {
    close();
  }
}

// Parent "m": 6 parties; cell 1 has only two of them, so its primary rule fails for everyone.
const LONE_HIDDEN: Contribution[] = [
  ...['A', 'B', 'C', 'D', 'E', 'F'].flatMap((party, i) => [
    { marginal: 'm', cell: 2, party, vol: 10 + i },
    { marginal: 'm', cell: 3, party, vol: 20 + i },
    { marginal: 'm', cell: 4, party, vol: 30 + i },
  ]),
  { marginal: 'm', cell: 1, party: 'A', vol: 3 },
  { marginal: 'm', cell: 1, party: 'B', vol: 5 },
];

describe('secondary suppression', () => {
  it('finds the lone hidden cell under a published parent, then hides the smallest other cell with it', async () => {
    const { before, after } = await run(LONE_HIDDEN, ['A']);
    expect(findLeaks(LONE_HIDDEN, before)).toEqual(['A|m: cell 1 = parent − shown cells']);
    expect(after.filter((d) => d.suppressed).map((d) => [d.cell, d.secondary])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(findLeaks(LONE_HIDDEN, after)).toEqual([]);
  });

  it('hides every cell from a reader who cannot see the parent', async () => {
    // E and F dominate the parent as seen by A (B, C, D are tiny), while some cells pass on their own
    const rows: Contribution[] = ['B', 'C', 'D', 'E', 'F'].flatMap((party) => [
      { marginal: 'm', cell: 1, party, vol: 5 },
      { marginal: 'm', cell: 2, party, vol: ['E', 'F'].includes(party) ? 500 : 1 },
    ]);
    const { before, after } = await run(rows, ['A']);
    expect(before.map((d) => [d.cell, d.parent_suppressed, d.suppressed])).toEqual([
      [1, true, false],
      [2, true, true],
    ]);
    expect(findLeaks(rows, before)).toHaveLength(1);
    expect(after.every((d) => d.suppressed)).toBe(true);
  });

  it('leaves nothing derivable by subtraction in random cell tables, and suppresses nothing where nothing was hidden', async () => {
    const parties = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const contribution = fc.record({
      marginal: fc.constantFrom('m1', 'm2'),
      cell: fc.integer({ min: 1, max: 6 }),
      party: fc.constantFrom(...parties),
      vol: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 200 })),
    });
    const table = fc
      .array(contribution, { minLength: 1, maxLength: 60 })
      // one row per marginal × cell × party
      .map((rows) => [...new Map(rows.map((r) => [`${r.marginal}|${r.cell}|${r.party}`, r])).values()]);
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        const { before, after } = await run(rows, parties);
        expect(findLeaks(rows, after)).toEqual([]);
        const hiddenBefore = new Set(before.filter((d) => d.suppressed).map((d) => `${d.reader}|${d.marginal}`));
        for (const d of after.filter((x) => x.secondary && !x.parent_suppressed))
          expect(hiddenBefore).toContain(`${d.reader}|${d.marginal}`);
      }),
      { numRuns: 60, seed: 20261205 },
    );
  });
});

describe('cross-month rule', () => {
  // last month: B–F contributed to cell x, which A saw published
  const LAST_MONTH = `INSERT INTO prev_contrib VALUES ('2025-09', 'item', 'x', 'B', 10), ('2025-09', 'item', 'x', 'C', 11),
    ('2025-09', 'item', 'x', 'D', 12), ('2025-09', 'item', 'x', 'E', 13), ('2025-09', 'item', 'x', 'F', 14), ('2025-09', 'item', 'x', 'A', 3);
    INSERT INTO prev_seen VALUES ('2025-09', 'item', 'x', 'A');`;

  async function isolated(current: [string, number][], secondarySuppression = true, earlier = LAST_MONTH): Promise<string[]> {
    const { db, close } = await openDb();
    try {
      const vars = toSqlVars('2025-10', { ...policy, disclosure: { ...policy.disclosure, secondarySuppression } });
      for (const name of ['macros', 'previous_month_none', 'month_rule'])
        await db.run(await readSql(new URL(`../../src/pipeline/metrics/sql/${name}.sql`, import.meta.url), vars));
      await db.run(earlier);
      await db.run(
        `CREATE TABLE cur AS SELECT 'x' AS cell, * FROM (VALUES ${current.map(([p, v]) => `('${p}', ${v})`).join(', ')}) t(party_id, vol)`,
      );
      const rows = await queryRows<{ reader: string; cell: string }>(db, `SELECT * FROM month_isolates('item', 'cur') ORDER BY ALL`);
      return rows.map((r) => `${r.reader}|${r.cell}`);
    } finally {
      close();
    }
  }
  const SAME: [string, number][] = [
    ['B', 10],
    ['C', 11],
    ['D', 12],
    ['E', 13],
    ['F', 14],
  ];

  it('hides a figure whose only change from last month is one party joining', async () => {
    // A's own volume changed too: it knows its own, so that does not hide G
    expect(await isolated([...SAME, ['G', 7], ['A', 9]])).toEqual(['A|x']);
  });

  it('hides a figure whose only change is one party leaving', async () => {
    expect(await isolated(SAME.slice(1))).toEqual(['A|x']);
  });

  it('compares with every earlier month the reader saw the figure in, not only the last', async () => {
    // August as LAST_MONTH above; in September G had joined, so the figure was hidden from A (not seen) and G stayed
    const august = LAST_MONTH.replaceAll('2025-09', '2025-08');
    const september = `INSERT INTO prev_contrib SELECT '2025-09', 'item', 'x', party_id, vol FROM (VALUES ('B', 10), ('C', 11), ('D', 12),
      ('E', 13), ('F', 14), ('G', 7), ('A', 3)) t(party_id, vol);`;
    expect(await isolated([...SAME, ['G', 7]], true, `${august}; ${september}`)).toEqual(['A|x']);
    expect(await isolated([...SAME, ['G', 7]], true, september)).toEqual([]);
  });

  it('keeps a figure where another contributor changed as well, or when the rule is off', async () => {
    expect(await isolated([...SAME.slice(1), ['B', 9], ['G', 7]])).toEqual([]);
    expect(await isolated([...SAME, ['G', 7]], false)).toEqual([]);
  });
});
