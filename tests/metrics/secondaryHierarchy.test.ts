import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb, queryRows, readSql } from '../../src/lib/duckdb.ts';
import { readPolicy } from '../../src/pipeline/metrics/policy.ts';
import { toSqlVars } from '../../src/pipeline/metrics/registry.ts';
import { suppressSecondary } from '../../src/pipeline/metrics/secondary.ts';
import { passes } from './disclosureRule.ts';

/**
 * Root-cause slices of one item: model slices add up to the item total, each model's firmware slices to that model's
 * slice. A reader who sees a model must not find one of its hidden firmware slices as the model minus the others.
 */
interface Contribution {
  model: string;
  firmware: string;
  party: string;
  vol: number;
}
interface Decision {
  reader: string;
  marginal: string;
  cell: string;
  suppressed: boolean;
}

const policy = await readPolicy();
const modelCell = (model: string): string => `model|${model}`;
const firmwareCell = (c: Contribution): string => `firmware|${c.model} / ${c.firmware}`;

/** Each party's volume in a cell. */
function volumes(contributions: Contribution[], cell: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of contributions)
    if (modelCell(c.model) === cell || firmwareCell(c) === cell) out.set(c.party, (out.get(c.party) ?? 0) + c.vol);
  return out;
}

/** What a reader can derive: cells under a hidden parent that are shown, a lone hidden cell, or a hidden sum below the rule. */
function findLeaks(contributions: Contribution[], decisions: Decision[], itemShown: (reader: string) => boolean): string[] {
  const leaks: string[] = [];
  const hidden = (reader: string, cell: string): boolean => decisions.some((d) => d.reader === reader && d.cell === cell && d.suppressed);
  const groups = new Map<string, Decision[]>();
  for (const d of decisions) {
    const parent = d.cell.startsWith('firmware|') ? modelCell(d.cell.slice('firmware|'.length).split(' / ')[0]!) : 'item';
    const key = `${d.reader}|${parent}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [key, cells] of groups) {
    const reader = cells[0]!.reader;
    const parent = key.slice(reader.length + 1);
    const othersIn = (cell: string): number => [...volumes(contributions, cell)].reduce((s, [p, v]) => s + (p === reader ? 0 : v), 0);
    if (parent === 'item' ? !itemShown(reader) : hidden(reader, parent)) {
      if (cells.some((c) => !c.suppressed)) leaks.push(`${key}: parent hidden, but cells shown add up to it`);
      continue;
    }
    const exposed = cells.filter((c) => c.suppressed && othersIn(c.cell) > 0);
    if (exposed.length === 1) leaks.push(`${key}: ${exposed[0]!.cell} = parent − shown cells`);
    if (exposed.length > 1) {
      const union = new Map<string, number>();
      for (const c of exposed) for (const [p, v] of volumes(contributions, c.cell)) union.set(p, (union.get(p) ?? 0) + v);
      if (!passes(reader, union, policy.disclosure)) leaks.push(`${key}: hidden cells sum to a figure below the rule`);
    }
  }
  return leaks;
}

/** root_causes_sec as the metrics SQL builds it (primary decisions, firmware under its model), then secondary suppression. */
async function run(
  contributions: Contribution[],
  readers: string[],
): Promise<{ before: Decision[]; after: Decision[]; itemShown: Set<string> }> {
  const { db, close } = await openDb();
  try {
    const vars = toSqlVars('2025-10', policy);
    for (const name of ['macros', 'previous_month_none', 'month_rule'])
      await db.run(await readSql(new URL(`../../src/pipeline/metrics/sql/${name}.sql`, import.meta.url), vars));
    const values = contributions.map((c) => `('${c.model}', '${c.firmware}', '${c.party}', ${c.vol})`).join(', ');
    await db.run(`
      CREATE TABLE contribution AS SELECT * FROM (VALUES ${values}) t(model, firmware, party_id, vol);
      CREATE TABLE root_causes_contrib AS
        SELECT 'model|' || model AS cell, party_id, sum(vol) AS vol FROM contribution GROUP BY ALL
        UNION ALL SELECT 'firmware|' || model || ' / ' || firmware, party_id, vol FROM contribution;
      CREATE TABLE item_contrib AS SELECT 'item' AS cell, party_id, sum(vol) AS vol FROM contribution GROUP BY ALL;
      CREATE TABLE root_causes_sec AS
      WITH cells AS (SELECT cell, sum(vol) AS total FROM root_causes_contrib GROUP BY ALL),
        g AS (SELECT * FROM peer_groups('root_causes_contrib')), gi AS (SELECT * FROM peer_groups('item_contrib'))
      SELECT r.reader, CASE WHEN c.cell LIKE 'model|%' THEN 'model' ELSE 'firmware|' || split_part(split_part(c.cell, '|', 2), ' / ', 1) END AS marginal,
        c.cell, o.vol, c.total - coalesce(o.vol, 0) AS others_vol,
        is_suppressed(r.reader, io.vol, gi.n_parties, gi.total_vol, gi.top_parties, gi.top_vols) AS parent_suppressed,
        is_suppressed(r.reader, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed, false AS secondary,
        CASE WHEN c.cell LIKE 'firmware|%' THEN 'model|' || split_part(split_part(c.cell, '|', 2), ' / ', 1) END AS parent_cell
      FROM (SELECT unnest([${readers.map((r) => `'${r}'`).join(', ')}]) AS reader) r CROSS JOIN cells c
      LEFT JOIN root_causes_contrib o ON o.cell = c.cell AND o.party_id = r.reader
      LEFT JOIN item_contrib io ON io.party_id = r.reader CROSS JOIN gi LEFT JOIN g ON g.cell = c.cell;`);
    const read = (): Promise<Decision[]> =>
      queryRows<Decision>(db, 'SELECT reader, marginal, cell, suppressed FROM root_causes_sec ORDER BY ALL');
    const itemShown = new Set(
      (
        await queryRows<{ reader: string }>(
          db,
          'SELECT DISTINCT reader FROM root_causes_sec WHERE marginal = $$model$$ AND NOT parent_suppressed',
        )
      ).map((r) => r.reader),
    );
    const before = await read();
    await suppressSecondary(db, 'root_causes');
    return { before, after: await read(), itemShown };
  } finally {
    close();
  }
}

const MANY = ['B', 'C', 'D', 'E', 'F', 'G'];
// Reader A sees models M1 and M2 (many parties each). M1's firmware 1.0 has only two parties, its firmware 2.0 many:
// M1 − M1 / 2.0 would give M1 / 1.0 if the smallest published firmware cell of the item (under M2) hid it instead.
const FIRMWARE_UNDER_MODEL: Contribution[] = [
  ...MANY.flatMap((party, i) => [
    { model: 'M1', firmware: '2.0', party, vol: 100 + i },
    { model: 'M2', firmware: '1.0', party, vol: 5 + i },
    { model: 'M2', firmware: '2.0', party, vol: 200 + i },
  ]),
  { model: 'M1', firmware: '1.0', party: 'B', vol: 4 },
  { model: 'M1', firmware: '1.0', party: 'C', vol: 6 },
];

describe('secondary suppression of firmware slices under their model', () => {
  it('hides a second firmware slice of the same model, not of another model', async () => {
    const { before, after, itemShown } = await run(FIRMWARE_UNDER_MODEL, ['A']);
    const shown = (reader: string): boolean => itemShown.has(reader);
    expect(findLeaks(FIRMWARE_UNDER_MODEL, before, shown)).toEqual(['A|model|M1: firmware|M1 / 1.0 = parent − shown cells']);
    expect(after.filter((d) => d.suppressed).map((d) => d.cell)).toEqual(['firmware|M1 / 1.0', 'firmware|M1 / 2.0']);
    expect(findLeaks(FIRMWARE_UNDER_MODEL, after, shown)).toEqual([]);
  });

  it('hides every firmware slice of a model hidden to protect another model', async () => {
    // M1 has two parties (hidden from A); M2, the smaller of the others, is hidden with it; M2's one firmware slice
    // passes the rule on its own but is M2 itself
    const rows: Contribution[] = [
      ...MANY.flatMap((party, i) => [
        { model: 'M2', firmware: '1.0', party, vol: 10 + i },
        { model: 'M3', firmware: '1.0', party, vol: 500 + i },
      ]),
      { model: 'M1', firmware: '1.0', party: 'B', vol: 4 },
      { model: 'M1', firmware: '1.0', party: 'C', vol: 6 },
    ];
    const { after, itemShown } = await run(rows, ['A']);
    expect(after.filter((d) => d.suppressed).map((d) => d.cell)).toEqual([
      'firmware|M1 / 1.0',
      'firmware|M2 / 1.0',
      'model|M1',
      'model|M2',
    ]);
    expect(findLeaks(rows, after, (reader) => itemShown.has(reader))).toEqual([]);
  });

  it('leaves nothing derivable in random tables, under the item (models) or under any model (its firmware), from any reader', async () => {
    const parties = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const contribution = fc.record({
      model: fc.constantFrom('M1', 'M2', 'M3'),
      firmware: fc.constantFrom('1.0', '2.0', '3.0'),
      party: fc.constantFrom(...parties),
      vol: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 300 })),
    });
    const table = fc
      .array(contribution, { minLength: 1, maxLength: 60 })
      .map((rows) => [...new Map(rows.map((r) => [`${r.model}|${r.firmware}|${r.party}`, r])).values()]);
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        const { after, itemShown } = await run(rows, parties);
        expect(findLeaks(rows, after, (reader) => itemShown.has(reader))).toEqual([]);
      }),
      { numRuns: 50, seed: 20261207 },
    );
  });
});
