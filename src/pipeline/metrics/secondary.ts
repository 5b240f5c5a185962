import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryNumber, queryRows, readSql, type Db } from '../../lib/duckdb.ts';
import { addMonths } from '../../lib/month.ts';
import { COMPARED_MONTHS } from '../../shared/policy.ts';
import { readJsonFile } from '../../lib/json.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { METRICS_MANIFEST_FILE, metricsManifestSchema, type SecondaryFamily, type SuppressionCount } from './manifest.ts';

const START_SQL = new URL('./sql/secondary_start.sql', import.meta.url);
const ROUND_SQL = new URL('./sql/secondary_round.sql', import.meta.url);
const PARENTS_SQL = new URL('./sql/secondary_parents.sql', import.meta.url);

/** Whether some cells of the family have a parent that is a cell too (`parent_cell`: root-cause firmware under its model). */
async function hasParentCells(db: Db, family: SecondaryFamily): Promise<boolean> {
  const columns = await queryRows<{ column_name: string }>(db, `DESCRIBE ${family}_sec`);
  return columns.some((c) => c.column_name === 'parent_cell');
}

/**
 * Complementary suppression: rounds of one set-based pass each, adding the smallest published cells to every unsafe
 * reader × parent, until what each reader can subtract (the sum of its suppressed cells under a published parent)
 * passes the disclosure rule itself. Returns the number of rounds.
 */
export async function suppressSecondary(db: Db, family: SecondaryFamily): Promise<number> {
  const vars = { family };
  const parents = (await hasParentCells(db, family)) ? await readSql(PARENTS_SQL, vars) : undefined;
  // a cell hidden by the first pass, by its own parent or in a round may be the parent of another marginal's cells
  const hideChildren = async (): Promise<void> => {
    if (parents) await db.run(parents);
  };
  await hideChildren();
  await db.run(await readSql(START_SQL, vars));
  await hideChildren();
  const round = await readSql(ROUND_SQL, vars);
  let rounds = 0;
  while ((await queryNumber(db, 'SELECT count(*) FROM sec_pending')) > 0) {
    await db.run(round);
    await hideChildren();
    rounds += 1;
  }
  return rounds;
}

export async function countSuppression(db: Db, family: SecondaryFamily, rounds: number): Promise<SuppressionCount> {
  const [row] = await queryRows<{ cells: bigint; published: bigint; primary: bigint; secondary: bigint }>(
    db,
    `SELECT count(*) AS cells, count_if(NOT suppressed) AS published, count_if(suppressed AND NOT secondary) AS "primary",
       count_if(secondary) AS secondary FROM ${family}_sec`,
  );
  return {
    family,
    cells: Number(row?.cells ?? 0),
    published: Number(row?.published ?? 0),
    primary: Number(row?.primary ?? 0),
    secondary: Number(row?.secondary ?? 0),
    rounds,
  };
}

export interface EarlierMetrics {
  month: string;
  dir: string;
}

/**
 * The metrics folders of the earlier months (up to COMPARED_MONTHS back) built in the same work folder, newest first:
 * their published figures are what a reader could subtract from.
 */
export async function findEarlierMetrics(ws: Workspace): Promise<EarlierMetrics[]> {
  const found: EarlierMetrics[] = [];
  for (let back = 1; back <= COMPARED_MONTHS; back += 1) {
    const month = addMonths(ws.month, -back);
    const dir = stageDir({ ...ws, month }, 'metrics');
    const path = join(dir, METRICS_MANIFEST_FILE);
    if (!existsSync(path)) continue;
    await readJsonFile(path, metricsManifestSchema, { stage: 'metrics' });
    found.push({ month, dir });
  }
  return found;
}

const PREVIOUS_NONE_SQL = new URL('./sql/previous_month_none.sql', import.meta.url);
const PREVIOUS_SQL = new URL('./sql/previous_month.sql', import.meta.url);

/** prev_contrib and prev_seen: every earlier month's contributions and published cells, for the month rule. */
export async function readEarlierMonths(db: Db, earlier: readonly EarlierMetrics[]): Promise<void> {
  await db.run(await readSql(PREVIOUS_NONE_SQL));
  // previous_month.sql quotes the folder itself: '{{prevDir}}/<table>.parquet'
  for (const { month, dir } of earlier) await db.run(await readSql(PREVIOUS_SQL, { prevMonth: month, prevDir: dir.replaceAll("'", "''") }));
}
