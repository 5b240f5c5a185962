import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES, fileSpec } from '../../pipeline/contract.ts';
import { fillSql, queryRows, sqlString } from '../../lib/duckdb.ts';
import { CarsError } from '../../lib/errors.ts';
import type { Db } from '../../lib/duckdb.ts';
import { writeMonthLookups } from './lookups.ts';
import { buildCopySql, toFileName, type SampleFormat } from './output.ts';

export type SqlVars = Record<string, string | number>;

const SQL_DIR = new URL('./sql/', import.meta.url);

export const readSqlFile = (name: string): Promise<string> => readFile(new URL(name, SQL_DIR), 'utf8');

/** A month's SQL variables: `vars` plus its key and bounds (Europe/London) as text and epoch milliseconds. */
export async function readMonthVars(db: Db, vars: SqlVars, month: string): Promise<SqlVars> {
  const [bounds] = await queryRows<{ start: string; end: string; startMs: number; endMs: number; firstDay: string; lastDay: string }>(
    db,
    `SELECT strftime(month_start, '%Y-%m-%d %H:%M:%S%z') AS start, strftime(month_end, '%Y-%m-%d %H:%M:%S%z') AS "end",
       epoch_ms(month_start)::DOUBLE AS "startMs", epoch_ms(month_end)::DOUBLE AS "endMs",
       strftime(first_day, '%Y-%m-%d') AS "firstDay", strftime(last_day, '%Y-%m-%d') AS "lastDay"
     FROM months WHERE month = ${sqlString(month)}`,
  );
  if (!bounds) throw new CarsError('month not in the generated window', month, 'sample');
  return {
    ...vars,
    month,
    monthKey: month.replace('-', ''),
    monthStart: bounds.start,
    monthEnd: bounds.end,
    monthStartMs: bounds.startMs,
    monthEndMs: bounds.endMs,
    monthMs: bounds.endMs - bounds.startMs,
    firstDay: bounds.firstDay,
    lastDay: bounds.lastDay,
  };
}

/** The month's senders, covering requests and lookups, named with its key (one month at a time). */
export async function writeMonthTables(db: Db, monthVars: SqlVars): Promise<void> {
  await db.run(fillSql(await readSqlFile('senders.sql'), monthVars));
  await writeMonthLookups(db, String(monthVars.monthKey));
}

// Largest first, so the connections finish close together.
const WRITE_ORDER = ['service_requests', 'alerts', 'devices', 'registrations', 'incidents', 'parties'];

/**
 * Write every month's files into `dir/<month>/`, each connection one file at a time (each query runs on one
 * thread, so its bytes do not depend on scheduling). Returns the rows written per month and file.
 */
export async function writeMonthFiles(
  connections: Db[],
  months: SqlVars[],
  format: SampleFormat,
  dir: string,
  tick: () => void,
): Promise<Record<string, Record<string, number>>> {
  if (WRITE_ORDER.length !== FILES.length) throw new Error('every contract file needs a place in the write order');
  const tasks = WRITE_ORDER.flatMap((name) => months.map((vars) => ({ vars, spec: fileSpec(name) })));
  const rows = new Map<string, number>();
  for (const vars of months) await mkdir(join(dir, String(vars.month)), { recursive: true });
  let next = 0;
  const work = async (db: Db): Promise<void> => {
    for (let task = tasks[next++]; task; task = tasks[next++]) {
      const month = String(task.vars.month);
      const query = fillSql(await readSqlFile(`files/${task.spec.name}.sql`), task.vars);
      const result = await db.run(buildCopySql(task.spec, query, format, join(dir, month, toFileName(task.spec, format))));
      rows.set(`${month}/${task.spec.name}`, result.rowsChanged);
      tick();
    }
  };
  await Promise.all(connections.map(work));
  return Object.fromEntries(
    months.map((vars) => [vars.month, Object.fromEntries(FILES.map((f) => [f.name, rows.get(`${vars.month}/${f.name}`) ?? 0]))]),
  );
}
