import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryNumber, queryRows, readSql, type Db } from '../../lib/duckdb.ts';
import { addMonths } from '../../lib/month.ts';
import { readJsonFile } from '../../lib/json.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { METRICS_MANIFEST_FILE, metricsManifestSchema, type SecondaryFamily, type SuppressionCount } from './manifest.ts';

const START_SQL = new URL('./sql/secondary_start.sql', import.meta.url);
const ROUND_SQL = new URL('./sql/secondary_round.sql', import.meta.url);

/**
 * Complementary suppression: rounds of one set-based pass each, adding the smallest published cells to every unsafe
 * reader × parent, until what each reader can subtract (the sum of its suppressed cells under a published parent)
 * passes the disclosure rule itself. Returns the number of rounds.
 */
export async function suppressSecondary(db: Db, family: SecondaryFamily): Promise<number> {
  const vars = { family };
  await db.run(await readSql(START_SQL, vars));
  const round = await readSql(ROUND_SQL, vars);
  let rounds = 0;
  while ((await queryNumber(db, 'SELECT count(*) FROM sec_pending')) > 0) {
    await db.run(round);
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

/** The previous month's metrics folder when that month was built in the same work folder: its published figures are what a reader could subtract from. */
export async function findPreviousMetrics(ws: Workspace): Promise<string | undefined> {
  const dir = stageDir({ ...ws, month: addMonths(ws.month, -1) }, 'metrics');
  const path = join(dir, METRICS_MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  await readJsonFile(path, metricsManifestSchema, { stage: 'metrics' });
  return dir;
}
