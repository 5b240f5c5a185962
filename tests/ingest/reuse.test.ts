import { appendFile, cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FILES, LOADED_DB_FILE } from '../../src/pipeline/contract.ts';
import { IngestManifestSchema, runIngest, type IngestManifest } from '../../src/pipeline/ingest/index.ts';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { stageDir, type Workspace } from '../../src/pipeline/workspace.ts';
import { GOLDEN_DATA } from '../metrics/golden.ts';
import { queryDb, removeScratch, scratchDir } from './helpers.ts';

afterAll(removeScratch);

const MONTH = '2025-10';

/** The golden fixture (tests/fixtures/golden) in a scratch folder, with `extra` lines appended to its files. */
async function copyGolden(extra: Record<string, string[]> = {}): Promise<string> {
  const data = join(await scratchDir(), 'data');
  await cp(GOLDEN_DATA, data, { recursive: true });
  for (const [file, lines] of Object.entries(extra)) await appendFile(join(data, file), `${lines.join('\n')}\n`);
  return data;
}

async function ingestAll(data: string, months: string[], work: string): Promise<void> {
  process.env.CARS_QUIET = '1';
  for (const month of months) await runIngest({ data, month, work, maxRejectRate: 1 });
}

/** Ingest `months` in order into one work folder, then metrics of the last (earlier months have no metrics to read). */
async function build(data: string, months: string[], work?: string): Promise<Workspace> {
  const ws: Workspace = { work: work ?? join(await scratchDir(), 'work'), out: '', month: months.at(-1) ?? MONTH };
  await ingestAll(data, months, ws.work);
  await runMetrics(ws);
  return ws;
}

const readManifest = async (ws: Workspace): Promise<IngestManifest> =>
  IngestManifestSchema.parse(JSON.parse(await readFile(join(stageDir(ws, 'ingest'), 'ingest-manifest.json'), 'utf8')));

/** Everything ingest wrote but the record of reuse, as text. */
const withoutHistory = (m: IngestManifest): string => JSON.stringify({ ...m, history: undefined });

const dumpTables = async (ws: Workspace): Promise<string> => {
  const db = join(stageDir(ws, 'ingest'), LOADED_DB_FILE);
  const tables = await queryDb(db, `SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL`);
  const rows = await Promise.all(FILES.map(({ name }) => queryDb(db, `SELECT * FROM ${name} ORDER BY ALL`)));
  return JSON.stringify({ tables, rows }, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
};

/** Byte for byte: the ingest files, the loaded rows, every metrics file. */
async function expectSameOutputs(reused: Workspace, scratch: Workspace): Promise<void> {
  expect(withoutHistory(await readManifest(reused))).toBe(withoutHistory(await readManifest(scratch)));
  for (const file of ['reject-report.json', 'rejects.parquet']) {
    const [a, b] = await Promise.all([reused, scratch].map((ws) => readFile(join(stageDir(ws, 'ingest'), file))));
    expect(a?.equals(b ?? Buffer.alloc(0)), file).toBe(true);
  }
  expect(await dumpTables(reused)).toBe(await dumpTables(scratch));
  const names = (await readdir(stageDir(scratch, 'metrics'))).sort();
  expect(names.filter((n) => n.endsWith('.parquet')).length).toBeGreaterThan(10);
  expect((await readdir(stageDir(reused, 'metrics'))).sort()).toEqual(names);
  for (const name of names) {
    const [a, b] = await Promise.all([reused, scratch].map((ws) => readFile(join(stageDir(ws, 'metrics'), name))));
    expect(a?.equals(b ?? Buffer.alloc(0)), name).toBe(true);
  }
}

const historyOf = async (ws: Workspace): Promise<IngestManifest['history']> => (await readManifest(ws)).history;

// each case ingests four months and computes metrics twice
describe('a month reuses the ingest of its history months', { timeout: 600_000 }, () => {
  it('gives the same ingest and metrics as a build from scratch on the golden fixture', async () => {
    const data = await copyGolden();
    const reused = await build(data, ['2025-08', '2025-09', MONTH]);
    const scratch = await build(data, [MONTH]);
    expect(await historyOf(reused)).toEqual([
      { month: '2025-08', reused: true, reason: null },
      { month: '2025-09', reused: true, reason: null },
    ]);
    expect((await historyOf(scratch))?.map((h) => [h.reused, h.reason])).toEqual([
      [false, 'not ingested before'],
      [false, 'not ingested before'],
    ]);
    await expectSameOutputs(reused, scratch);
  });

  // history rows rejected: a record with too many fields (2025-08 line 4), a repeated id (2025-09 line 7), an install with
  // an unknown response code whose premise P8 still counts for history reads (line 8, the read H81 at line 9 is loaded
  // because of it), a request outside its month (line 10); October repeats the ids of H1 (accepted) and H82 (rejected)
  const BAD_HISTORY = {
    '2025-08/service_requests.csv': [
      'H91,SUPA,IS,4.1.1,,1,00-00-00-00-00-00-04-02,2025-08-12T10:00:00Z,2025-08-12T10:00:03Z,success,I0,extra',
    ],
    '2025-09/service_requests.csv': [
      'H5,SUPA,IS,4.1.1,,1,00-00-00-00-00-00-04-02,2025-09-26T10:00:00Z,2025-09-26T10:00:03Z,success,I0',
      'H80,SUPB,IS,8.14.1,,1,00-00-00-00-00-00-08-01,2025-09-12T10:00:00Z,2025-09-12T10:00:05Z,success,ZZ9',
      'H81,SUPB,IS,4.1.1,,1,00-00-00-00-00-00-08-02,2025-09-13T10:00:00Z,2025-09-13T10:00:03Z,success,I0',
      'H82,SUPA,IS,4.1.1,,1,00-00-00-00-00-00-04-02,2025-10-02T10:00:00Z,2025-10-02T10:00:03Z,success,I0',
    ],
    [`${MONTH}/service_requests.csv`]: [
      'H1,SUPB,IS,4.1.1,,1,00-00-00-00-00-00-02-02,2025-10-12T10:00:00Z,2025-10-12T10:00:03Z,success,I0',
      'H82,SUPA,IS,4.1.1,,1,00-00-00-00-00-00-04-02,2025-10-02T10:00:00Z,2025-10-02T10:00:03Z,success,I0',
    ],
  };

  it('carries rejected history rows, their ids and their lines over unchanged', async () => {
    const data = await copyGolden(BAD_HISTORY);
    const reused = await build(data, ['2025-08', '2025-09', MONTH]);
    const scratch = await build(data, [MONTH]);
    expect((await historyOf(reused))?.every((h) => h.reused)).toBe(true);
    const m = await readManifest(reused);
    const rejected = (path: string): number | undefined => m.files.find((f) => f.path === path)?.rowsRejected;
    expect(['2025-08', '2025-09', MONTH].map((month) => rejected(`${month}/service_requests.csv`))).toEqual([1, 3, 2]);
    for (const f of m.files) expect(f.rowsRead).toBe(f.rowsAccepted + f.rowsRejected);
    const h81 = await queryDb(
      join(stageDir(reused, 'ingest'), LOADED_DB_FILE),
      `SELECT month FROM service_requests WHERE request_id = 'H81'`,
    );
    expect(h81).toEqual([{ month: '2025-09' }]);
    await expectSameOutputs(reused, scratch);
  });

  it('validates again a history month whose input changed, and the months after it', async () => {
    const data = await copyGolden();
    const work = join(await scratchDir(), 'work');
    await ingestAll(data, ['2025-08', '2025-09'], work);
    await appendFile(join(data, '2025-08/registrations.csv'), 'PX,IS,SUPA,2025-08-01,\n');
    const reused = await build(data, [MONTH], work);
    expect(await historyOf(reused)).toEqual([
      { month: '2025-08', reused: false, reason: 'input changed since its ingest: 2025-08/registrations.csv' },
      { month: '2025-09', reused: false, reason: 'input of 2025-08 changed since its ingest: 2025-08/registrations.csv' },
    ]);
    await expectSameOutputs(reused, await build(data, [MONTH]));
  });
});
