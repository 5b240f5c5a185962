// The least DuckDB work the pipeline's requirements imply, timed on the same inputs: what any pipeline on this engine pays.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, queryRows, sqlString } from '../src/lib/duckdb.ts';
import { toHistoryMonths } from '../src/lib/month.ts';

export const reader = (file: string): string =>
  file.endsWith('.parquet') ? `read_parquet(${sqlString(file)})` : `read_csv(${sqlString(file)}, header = true, all_varchar = true)`;

async function timeQuery(sql: string): Promise<number> {
  const { db } = await openDb();
  const started = performance.now();
  await queryRows(db, sql);
  return (performance.now() - started) / 1000;
}

/**
 * One plain DuckDB scan of every input file, the floor any ingest is compared with: seconds to read every column,
 * timed on a second pass (the first fills the page cache, as the stages find it).
 */
export async function timeScan(files: string[]): Promise<number> {
  const { db } = await openDb();
  const scan = async (): Promise<number> => {
    const started = performance.now();
    // every column is read: a bare count(*) of a Parquet file is answered from its footer
    for (const file of files) await queryRows(db, `select count(columns(*)) from ${reader(file)}`);
    return (performance.now() - started) / 1000;
  };
  await scan();
  return scan();
}

/** Each month's service_requests file, Parquet or CSV, where present. */
export function requestFiles(data: string, months: string[]): string[] {
  return months
    .flatMap((m) => ['parquet', 'csv'].map((ext) => join(data, m, `service_requests.${ext}`)))
    .filter((file) => existsSync(file));
}

/** Three single queries the requirements cannot do without, each on a fresh database with the stages' memory limit. */
export async function timeFloorQueries(data: string, month: string): Promise<{ step: string; seconds: number }[]> {
  const all = requestFiles(data, toHistoryMonths(month));
  const current = requestFiles(data, [month]);
  const union = (files: string[]): string => files.map((f) => `SELECT * FROM ${reader(f)}`).join(' UNION ALL ');
  const rtt = `epoch(TRY_CAST(responded_at AS TIMESTAMPTZ)) - epoch(TRY_CAST(sent_at AS TIMESTAMPTZ))`;
  // each query ends in a sum over its result: DuckDB drops aggregates nobody reads
  const queries = {
    'floor: duplicate request ids, loaded months': `SELECT count(*) FROM (SELECT hash(request_id) AS h FROM (${union(all)}) GROUP BY h HAVING count(*) > 1)`,
    'floor: exact median RTT per party x SRV': `SELECT sum(m) FROM (SELECT party_id, srv, quantile_disc(${rtt}, 0.5) AS m FROM (${union(current)}) GROUP BY ALL)`,
    'floor: counts per party x SRV x day': `SELECT sum(n + ok) FROM (SELECT party_id, srv, TRY_CAST(sent_at AS TIMESTAMPTZ)::DATE AS day, count(*) AS n, count(*) FILTER (outcome = 'success') AS ok FROM (${union(current)}) GROUP BY ALL)`,
  };
  const rows: { step: string; seconds: number }[] = [];
  for (const [step, sql] of Object.entries(queries)) rows.push({ step, seconds: await timeQuery(sql) });
  return rows;
}
