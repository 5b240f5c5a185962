import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
import { toCopySql, toCsvSelectList, toDownloadFile, UTF8_BOM, type SqlColumn } from './csvSql.ts';
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

/** Prefix the BOM in place (DuckDB's COPY cannot write one). */
async function addBom(path: string): Promise<void> {
  const body = await readFile(path);
  await writeFile(path, Buffer.concat([UTF8_BOM, body]));
}

async function writeCsv(db: Db, query: string, path: string): Promise<void> {
  await db.run(toCopySql(query, path));
  await addBom(path);
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

/** One party's CSV files into `dir`: device list, one file per alert code received, failures with signifiers. */
export async function writePartyCsvs(db: Db, partyId: string, dir: string): Promise<DownloadEntry[]> {
  const party = sqlString(partyId);
  const specs: { name: string; file: string; table: string; where: string; order: string }[] = [
    { name: 'inventory devices', file: toDownloadFile('inventory-devices'), table: 'estate_devices', where: '', order: 'role, device_id' },
    { name: 'failures', file: toDownloadFile('failures'), table: 'party_failures', where: '', order: 'ALL' },
  ];
  const codes = await queryRows<{ alert_code: string }>(
    db,
    `SELECT DISTINCT alert_code FROM party_alerts WHERE party_id = ${party} ORDER BY alert_code`,
  );
  for (const { alert_code: code } of codes)
    specs.push({
      name: `alerts ${code}`,
      file: toDownloadFile('alerts', code),
      table: 'party_alerts',
      where: ` AND alert_code = ${sqlString(code)}`,
      order: 'raised_at, alert_id',
    });
  const entries: DownloadEntry[] = [];
  const columnsOf = new Map<string, SqlColumn[]>();
  for (const spec of specs) {
    const columns = columnsOf.get(spec.table) ?? (await describe(db, spec.table));
    columnsOf.set(spec.table, columns);
    const drop = spec.table === 'party_alerts' ? ['party_id', 'alert_code'] : ['party_id'];
    const query = `SELECT ${toCsvSelectList(columns, drop)} FROM ${spec.table} WHERE party_id = ${party}${spec.where} ORDER BY ${spec.order}`;
    const path = join(dir, spec.file);
    await writeCsv(db, query, path);
    const [count] = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM ${spec.table} WHERE party_id = ${party}${spec.where}`);
    entries.push({ name: spec.name, file: spec.file, rows: Number(count?.n ?? 0), sha256: await sha256File(path), format: 'csv' });
  }
  return entries;
}

/** Stage `pack-csv` (after partition, before seal): every party's CSV downloads and their list, in its own folder. */
export async function runPackCsv(ws: Workspace): Promise<CsvPackResult> {
  const top = await readPartitionManifest(ws);
  const { db, close } = await openDb(undefined, { timeZoneOptional: true });
  const result: CsvPackResult = { parties: 0, files: 0, rows: 0 };
  try {
    await prepareCsvTables(db, ws);
    const progress = startProgress(`pack-csv ${ws.month}`, top.parties.length);
    await writeDirAtomic(packCsvDir(ws), async (tmp) => {
      const manifest: DownloadsManifest = { month: ws.month, parties: [] };
      for (const [index, party] of top.parties.entries()) {
        const dir = join(tmp, party.partyId);
        await mkdir(dir);
        const entries = await writePartyCsvs(db, party.partyId, dir);
        manifest.parties.push({ partyId: party.partyId, downloads: entries });
        result.parties += 1;
        result.files += entries.length;
        result.rows += entries.reduce((sum, e) => sum + (e.rows ?? 0), 0);
        progress.tick(index + 1);
      }
      await writeFile(join(tmp, DOWNLOADS_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    });
    progress.end(`${result.files} files, ${result.rows} rows`);
    return result;
  } finally {
    close();
  }
}
