import { queryRows, type Db } from '../../lib/duckdb.ts';
import { buildAliasTable } from './alias.ts';
import { buildListMacro } from './tables.ts';

/**
 * Per-row random choices as SQL macros over short literal lists. The generator's per-row queries use
 * no joins: DuckDB then writes their rows in scan order from both threads (with a join it would give
 * up the order or the second thread). A list lookup costs about as much as a join probe, so each choice
 * takes one: an alias slot packs its own value, its alias's value and its probability into one DOUBLE.
 */
export interface WeightedValue {
  weight: number;
  /** A small non-negative integer (under 4096) the SQL decodes. */
  value: number;
}

const VALUE_LIMIT = 4096;
// Probabilities are stored just under 1 so the packed integer part stays intact.
const toPacked = (own: number, alias: number, prob: number): number => own * VALUE_LIMIT + alias + Math.min(prob, 1 - 1e-9);

/**
 * `<name>_slot(g, u)`: the packed alias slot of group g (0-based) for a uniform u; `<name>_pick(slot, u)`: the value
 * it yields for a second uniform u (slot must be a column: it is used three times). Each value of a group is drawn
 * with probability ∝ its weight. Groups are padded to one size with weight 0, so a slot needs no offset lookup.
 */
export function buildAliasMacros(name: string, groups: WeightedValue[][]): string {
  const size = Math.max(...groups.map((g) => g.length));
  const packed: number[] = [];
  for (const [g, group] of groups.entries()) {
    if (group.length === 0) throw new Error(`alias group without values: ${name} ${g}`);
    if (group.some((x) => !Number.isInteger(x.value) || x.value < 0 || x.value >= VALUE_LIMIT)) {
      throw new Error(`alias values must be integers in [0, ${VALUE_LIMIT}): ${name} ${g}`);
    }
    const padded = [...group, ...Array.from({ length: size - group.length }, () => ({ weight: 0, value: 0 }))];
    const table = buildAliasTable(padded.map((x) => x.weight));
    padded.forEach((x, j) =>
      packed.push(toPacked(x.value, (padded[table.alias[j] as number] as WeightedValue).value, table.prob[j] as number)),
    );
  }
  return [
    buildListMacro(`${name}_packed`, packed, 'DOUBLE'),
    `CREATE OR REPLACE MACRO ${name}_slot(g, u) AS ${name}_packed(g * ${size} + floor(u * ${size})::INTEGER);`,
    `CREATE OR REPLACE MACRO ${name}_pick(slot, u) AS CASE WHEN u < slot - floor(slot)
      THEN floor(slot)::BIGINT // ${VALUE_LIMIT} ELSE floor(slot)::BIGINT % ${VALUE_LIMIT} END;`,
  ].join('\n');
}

/** An incident's effect on requests in one region during whole hours; category 1 is the most severe. */
export interface IncidentSpan {
  regionNo: number;
  startMs: number;
  endMs: number;
  category: number;
}

/** `<name>(region_no, ms)`: the most severe category of any incident span covering a request, else 0. */
export function buildIncidentMacro(name: string, spans: IncidentSpan[]): string {
  const sorted = [...spans].sort((a, b) => a.category - b.category || a.startMs - b.startMs || a.regionNo - b.regionNo);
  const cases = sorted.map((s) => `WHEN t >= ${s.startMs} AND t < ${s.endMs} AND r = ${s.regionNo} THEN ${s.category}`);
  return `CREATE OR REPLACE MACRO ${name}(r, t) AS ${cases.length === 0 ? '0' : `CASE ${cases.join(' ')} ELSE 0 END`};`;
}

const toGroups = (rows: Array<{ g: number; weight: number; value: number }>): WeightedValue[][] => {
  const groups: WeightedValue[][] = [];
  for (const row of rows) (groups[row.g] ??= []).push({ weight: row.weight, value: row.value });
  return Array.from(groups, (group) => group ?? []);
};

/** Window-wide choices: the SRV of a request within its (role, kind) group, and a failure's response code by SRV. */
export async function writeWorldLookups(db: Db): Promise<void> {
  const srv = await queryRows<{ g: number; weight: number; value: number }>(
    db,
    'SELECT group_no::DOUBLE AS g, weight::DOUBLE AS weight, value::DOUBLE AS value FROM srv_choices ORDER BY group_no, srv_no',
  );
  const codes = await queryRows<{ g: number; weight: number; value: number }>(
    db,
    'SELECT srv_no::DOUBLE AS g, weight::DOUBLE AS weight, code_no::DOUBLE AS value FROM fail_code_choices ORDER BY srv_no, code_no',
  );
  await db.run(buildAliasMacros('srv', toGroups(srv)));
  await db.run(buildAliasMacros('fail_code', toGroups(codes)));
}

/**
 * Month lookups, named with the month key: the hour of a request (weekly and daily shape), the incidents in
 * force and the number of devices addressable per pool group.
 */
export async function writeMonthLookups(db: Db, monthKey: string): Promise<void> {
  const hours = await queryRows<{ g: number; weight: number; value: number }>(
    db,
    'SELECT 0::DOUBLE AS g, weight::DOUBLE AS weight, hour_no::DOUBLE AS value FROM month_hours ORDER BY hour_no',
  );
  const spans = await queryRows<IncidentSpan>(
    db,
    `SELECT region_no::DOUBLE AS "regionNo", start_ms::DOUBLE AS "startMs", end_ms::DOUBLE AS "endMs", category::DOUBLE AS category
     FROM month_incidents ORDER BY ALL`,
  );
  const sizes = await queryRows<{ n: number }>(db, 'SELECT n::DOUBLE AS n FROM pool_sizes ORDER BY pool_group');
  await db.run(buildAliasMacros(`hour_${monthKey}`, toGroups(hours)));
  await db.run(buildIncidentMacro(`inc_category_${monthKey}`, spans));
  await db.run(
    buildListMacro(
      `pool_n_${monthKey}`,
      sizes.map((s) => s.n),
      'BIGINT',
    ),
  );
}
