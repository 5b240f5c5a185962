import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../../lib/digest.ts';
import { openDb, queryRows, readSql, sqlString, type Db } from '../../lib/duckdb.ts';
import { ESTATE_SQL } from '../sql/index.ts';
import { CarsError } from '../../lib/errors.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { daysInMonth } from '../../lib/month.ts';
import { startProgress } from '../../lib/progress.ts';
import { LOADED_DB_FILE } from '../contract.ts';
import { readPartitionManifest } from '../partition/read.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { toBomQuery, toCopySql, toDownloadFile, toPartyCsvQuery, type SqlColumn } from './csvSql.ts';
import { mapPooled, toPartyConcurrency } from '../../lib/concurrency.ts';
import { DOWNLOADS_MANIFEST_FILE, type DownloadEntry, type DownloadsManifest } from '../../shared/partitionManifest.ts';

const SQL = (name: string): URL => new URL(`./sql/${name}`, import.meta.url);

/** pack-csv's own folder: `<partyId>/*.csv` and the downloads list seal reads. */
export const packCsvDir = (ws: Workspace): string => stageDir(ws, 'pack-csv');

export interface CsvPackResult {
  parties: number;
  files: number;
  rows: number;
}

async function describe(db: Db, table: string): Promise<SqlColumn[]> {
  const rows = await queryRows<{ column_name: string; column_type: string }>(db, `DESCRIBE ${table}`);
  return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
}

/** Write one CSV (BOM, header, rows); its row count as DuckDB wrote it. */
async function writeCsv(db: Db, query: string, firstColumn: string, path: string): Promise<number> {
  const result = await db.run(toCopySql(toBomQuery(query, firstColumn), path));
  return Number(result.rowsChanged);
}

/** Load the month's device-level tables once; each party's files are then filtered copies. */
export async function prepareCsvTables(db: Db, ws: Workspace): Promise<void> {
  const ingestDb = join(stageDir(ws, 'ingest'), LOADED_DB_FILE);
  try {
    await db.run(`ATTACH ${sqlString(ingestDb)} AS src (READ_ONLY)`);
  } catch (error) {
    throw new CarsError('cannot open the ingest database (run ingest first)', ingestDb, (error as Error).message);
  }
  const monthEnd = `${ws.month}-${String(daysInMonth(ws.month)).padStart(2, '0')}`;
  await db.run(await readSql(SQL('csv_macros.sql')));
  await db.run(await readSql(ESTATE_SQL));
  await db.run(await readSql(SQL('estate_devices.sql'), { month: ws.month, monthEnd }));
  await db.run(await readSql(SQL('party_alerts.sql'), { month: ws.month }));
  const failures = join(stageDir(ws, 'metrics'), 'item_failures.parquet');
  await db.run(await readSql(SQL('party_failures.sql'), { file: failures.replaceAll("'", "''") }));
}

/** The columns of each CSV table and the alert codes each party received: asked once, not per party. */
export interface CsvTables {
  columns: Map<string, SqlColumn[]>;
  alertCodes: Map<string, string[]>;
}

export async function readCsvTables(db: Db): Promise<CsvTables> {
  const columns = new Map<string, SqlColumn[]>();
  for (const table of ['estate_devices', 'party_failures', 'party_alerts']) columns.set(table, await describe(db, table));
  const alertCodes = new Map<string, string[]>();
  const rows = await queryRows<{ party_id: string; alert_code: string }>(
    db,
    'SELECT DISTINCT party_id, alert_code FROM party_alerts ORDER BY party_id, alert_code',
  );
  for (const row of rows) alertCodes.set(row.party_id, [...(alertCodes.get(row.party_id) ?? []), row.alert_code]);
  return { columns, alertCodes };
}

/** One party's CSV files into `dir`: device list, one file per alert code received, failures with signifiers. */
export async function writePartyCsvs(db: Db, tables: CsvTables, partyId: string, dir: string): Promise<DownloadEntry[]> {
  const specs: { name: string; file: string; table: string; where: string }[] = [
    { name: 'inventory devices', file: toDownloadFile('inventory-devices'), table: 'estate_devices', where: '' },
    { name: 'failures', file: toDownloadFile('failures'), table: 'party_failures', where: '' },
  ];
  for (const code of tables.alertCodes.get(partyId) ?? [])
    specs.push({
      name: `alerts ${code}`,
      file: toDownloadFile('alerts', code),
      table: 'party_alerts',
      where: ` AND alert_code = ${sqlString(code)}`,
    });
  const entries: DownloadEntry[] = [];
  for (const spec of specs) {
    const drop = spec.table === 'party_alerts' ? ['party_id', 'alert_code'] : ['party_id'];
    const columns = (tables.columns.get(spec.table) ?? []).filter((c) => !drop.includes(c.name));
    const query = toPartyCsvQuery(spec.table, columns, partyId, spec.where);
    const path = join(dir, spec.file);
    const rows = await writeCsv(db, query, columns[0]?.name ?? '', path);
    entries.push({ name: spec.name, file: spec.file, rows, sha256: await sha256File(path), format: 'csv' });
  }
  return entries;
}

/**
 * Where the month's tables spill, inside the stage's temporary folder (removed before the folder is swapped in): at a
 * real alert volume they outgrow memory (81.8 M alerts: up to 22 GB spilled), and the work folder is where room is.
 */
const SPILL = '.spill';

/** Stage `pack-csv` (after partition, before seal): every party's CSV downloads and their list, in its own folder. */
export async function runPackCsv(ws: Workspace): Promise<CsvPackResult> {
  const top = await readPartitionManifest(ws);
  const result: CsvPackResult = { parties: 0, files: 0, rows: 0 };
  await writeDirAtomic(packCsvDir(ws), async (tmp) => {
    const { db, connect, close } = await openDb(undefined, { tempDirectory: join(tmp, SPILL), timeZoneOptional: true });
    try {
      await prepareCsvTables(db, ws);
      const tables = await readCsvTables(db);
      // parties side by side, one connection each: a party's files are small queries that leave cores idle one at a time
      const pool = [db, ...(await Promise.all(Array.from({ length: toPartyConcurrency() - 1 }, connect)))];
      const progress = startProgress(`pack-csv ${ws.month}`, top.parties.length);
      const parties = await mapPooled(top.parties, pool, async ({ partyId }, conn) => {
        const dir = join(tmp, partyId);
        await mkdir(dir);
        const downloads = await writePartyCsvs(conn, tables, partyId, dir);
        progress.tick(++result.parties);
        return { partyId, downloads };
      });
      for (const { downloads } of parties) {
        result.files += downloads.length;
        result.rows += downloads.reduce((sum, e) => sum + (e.rows ?? 0), 0);
      }
      const manifest: DownloadsManifest = { month: ws.month, parties };
      await writeFile(join(tmp, DOWNLOADS_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      progress.end(`${result.files} files, ${result.rows} rows`);
    } finally {
      close();
      await rm(join(tmp, SPILL), { recursive: true, force: true });
    }
  });
  return result;
}
