import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, queryRows, sqlString } from '../../lib/duckdb.ts';
import { CarsError } from '../../lib/errors.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { REJECTS_PARQUET_FILE, type RejectRecord } from './schema.ts';

export interface RejectFilter {
  /** Input file, or its name: `service_requests.csv` matches every month's. */
  file?: string;
  /** Part of the reason text, any case. */
  reason?: string;
  limit: number;
}

/** `WHERE` of a filter; values go in as SQL string literals. */
export function toRejectWhere(filter: RejectFilter): string {
  const terms = ['true'];
  if (filter.file) terms.push(`(file = ${sqlString(filter.file)} OR file LIKE ${sqlString(`%/${filter.file}`)})`);
  if (filter.reason) terms.push(`reason ILIKE ${sqlString(`%${filter.reason}%`)}`);
  return terms.join(' AND ');
}

/** A rejected row as `rejects.parquet` holds it, with its whole record. */
export type RejectRow = RejectRecord & { record: string };

/** Rejected rows of a month's ingest from `rejects.parquet`, in file and line order, and how many match in all. */
export async function readRejectRows(ws: Workspace, filter: RejectFilter): Promise<{ rows: RejectRow[]; matching: number }> {
  const path = join(stageDir(ws, 'ingest'), REJECTS_PARQUET_FILE);
  if (!existsSync(path)) throw new CarsError('no rejects file for this month: run the ingest stage', path);
  const { db, close } = await openDb();
  try {
    const from = `read_parquet(${sqlString(path)}) WHERE ${toRejectWhere(filter)}`;
    const [count] = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM ${from}`);
    const rows = await queryRows<RejectRow>(
      db,
      `SELECT file, line::INTEGER AS line, "column", reason, value, record FROM ${from} ORDER BY file, line, "column" LIMIT ${filter.limit}`,
    );
    return { rows, matching: Number(count?.n ?? 0) };
  } finally {
    close();
  }
}
