import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { FILES, type ColumnSpec } from '../../src/pipeline/contract.ts';
import { ingestMonth, RejectReportSchema, type IngestResult, type RejectRecord } from '../../src/pipeline/ingest/index.ts';

export const VALID = fileURLToPath(new URL('./fixtures/valid/', import.meta.url));
export const BAD = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

const roots: string[] = [];

export async function scratchDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'cars-ingest-test-'));
  roots.push(root);
  return root;
}

/** Remove every scratch folder made so far (call from afterAll). */
export async function removeScratch(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/**
 * A dataset = the valid fixture with one bad fixture laid over it: its files replace the valid
 * ones and an empty `<name>.absent` marker deletes `<name>.csv` from that month.
 */
export async function makeDataset(badCase?: string): Promise<string> {
  const root = await scratchDir();
  const data = join(root, 'data');
  await cp(VALID, data, { recursive: true });
  if (badCase) {
    await cp(join(BAD, badCase), data, { recursive: true, force: true });
    for (const month of await readdir(data)) {
      for (const entry of await readdir(join(data, month))) {
        if (!entry.endsWith('.absent')) continue;
        await rm(join(data, month, entry));
        await rm(join(data, month, entry.replace(/\.absent$/, '.csv')));
      }
    }
  }
  return data;
}

export interface CaseRun {
  result: IngestResult;
  rejects: RejectRecord[];
}

export async function ingestData(data: string, month = '2024-10', maxRejectRate = 1): Promise<CaseRun> {
  const work = join(data, '..', 'work');
  const result = await ingestMonth({ data, month, work, maxRejectRate });
  return { result, rejects: await readRejects(result.dir) };
}

/** Every rejected row, from `rejects.parquet`, after checking the report counts them all and keeps at most 100 examples per file × reason. */
export async function readRejects(dir: string): Promise<RejectRecord[]> {
  const report = RejectReportSchema.parse(JSON.parse(await readFile(join(dir, 'reject-report.json'), 'utf8')));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    const rows = (
      await db.runAndReadAll(
        `SELECT file, line::INTEGER AS line, "column", reason, value FROM read_parquet('${join(dir, report.rejectsFile)}')`,
      )
    ).getRowObjectsJS() as unknown as RejectRecord[];
    if (rows.length !== report.total) throw new Error(`rejects.parquet holds ${rows.length} rows, the report counts ${report.total}`);
    const perReason = new Map<string, number>();
    for (const e of report.examples) perReason.set(`${e.file}|${e.reason}`, (perReason.get(`${e.file}|${e.reason}`) ?? 0) + 1);
    if ([...perReason.values()].some((n) => n > 100)) throw new Error('more than 100 examples of one file and reason in the report');
    return rows;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

export const ingestCase = async (badCase: string, month = '2024-10'): Promise<CaseRun> => ingestData(await makeDataset(badCase), month);

/** Run SQL against a DuckDB file (read-only, Europe/London). */
export async function queryDb<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const db = await instance.connect();
  try {
    await db.run(`SET TimeZone = 'Europe/London'`);
    return (await db.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

const typedColumn = (c: ColumnSpec): string => {
  if (c.type === 'VARCHAR') return `"${c.name}"`;
  if (c.type === 'VARCHAR[]') return `string_split("${c.name}", ';') AS "${c.name}"`;
  return `CAST("${c.name}" AS ${c.type}) AS "${c.name}"`;
};
/** Columns of a contract file with their contract types (for `toParquet`). */
export const typedSelect = (name: string): string => (FILES.find((f) => f.name === name)?.columns ?? []).map(typedColumn).join(', ');

/** Convert every CSV of a dataset to Parquet (all columns VARCHAR, or typed via `cast`). */
export async function toParquet(data: string, cast: (file: string) => string = () => '*'): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`SET TimeZone = 'Europe/London'`);
    for (const month of await readdir(data)) {
      for (const entry of await readdir(join(data, month))) {
        if (!entry.endsWith('.csv')) continue;
        const csv = join(data, month, entry);
        const name = entry.replace(/\.csv$/, '');
        await db.run(
          `COPY (SELECT ${cast(name)} FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${join(data, month, `${name}.parquet`)}' (FORMAT parquet)`,
        );
        await rm(csv);
      }
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
