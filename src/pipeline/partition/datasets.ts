import { join } from 'node:path';
import { openDb, toEnvThreads, type Db } from '../../lib/duckdb.ts';
import { CarsError } from '../../lib/errors.ts';
import type { DatasetEntry } from '../../shared/partitionManifest.ts';
import { METRICS_MANIFEST_FILE, type MetricsTable } from '../metrics/manifest.ts';
import { toArrowType, writeArrowFile } from './arrow.ts';
import { streamTableByParty, type PartyDataHandler } from './arrowWriter/index.ts';
import { toDatasetFile, toPartOrder, toProcessSplit } from './parts.ts';

/** One share of the partition's datasets, as a worker thread receives it. */
export interface DatasetJob {
  names: DatasetEntry['name'][];
  /** The stage's (temporary) output folder, holding a folder per party. */
  dir: string;
  metricsDir: string;
  partyIds: string[];
  tables: MetricsTable[];
  /** DuckDB threads of the worker's own database. */
  threads: number;
}

/** Each dataset's manifest entries by party, parts in registry order. */
export type WrittenDataset = [DatasetEntry['name'], [string, DatasetEntry][]];

/** One dataset's Arrow files, each party's (or each party's parts). */
async function writeDataset(db: Db, job: DatasetJob, name: DatasetEntry['name']): Promise<WrittenDataset> {
  const table = job.tables.find((t) => t.name === name);
  if (!table) throw new CarsError('metrics table missing', name, METRICS_MANIFEST_FILE);
  const columns = table.columns.filter((c) => c.name !== 'party_id').map((c) => ({ name: c.name, type: toArrowType(c.type) }));
  const written: [string, DatasetEntry][] = [];
  const onParty: PartyDataHandler = async (partyId, data, rows, part) => {
    const file = toDatasetFile(name, part);
    const digest = await writeArrowFile(
      join(job.dir, partyId, file),
      columns.map((c, k) => ({ name: c.name, data: data[k]! })),
    );
    written.push([partyId, { name, ...(part ? { part } : {}), file, rows, sha256: digest, columns }]);
  };
  await streamTableByParty(db, join(job.metricsDir, table.file), table.columns, job.partyIds, onParty, toProcessSplit(name));
  return [name, written.sort(([, a], [, b]) => toPartOrder(a.part) - toPartOrder(b.part))];
}

/** The job's datasets one after another, on a database of its own (a worker thread's). */
export async function writeDatasets(job: DatasetJob): Promise<WrittenDataset[]> {
  const { db, close } = await openDb(undefined, { timeZoneOptional: true, threads: job.threads });
  try {
    const written: WrittenDataset[] = [];
    for (const name of job.names) written.push(await writeDataset(db, job, name));
    return written;
  } finally {
    close();
  }
}

/**
 * The datasets dealt into `count` shares of about equal rows, largest first (each share keeps dataset order): the
 * two largest tables take most of the stage, and each share is copied into Arrow on its own JavaScript thread.
 */
export function toDatasetShares(
  names: readonly DatasetEntry['name'][],
  tables: readonly MetricsTable[],
  count: number,
): DatasetEntry['name'][][] {
  const rows = (name: string): number => tables.find((t) => t.name === name)?.rows ?? 0;
  const shares = Array.from({ length: Math.max(1, Math.min(count, names.length)) }, () => ({ rows: 0, names: new Set<string>() }));
  for (const name of [...names].sort((a, b) => rows(b) - rows(a))) {
    const least = shares.reduce((a, b) => (b.rows < a.rows ? b : a));
    least.rows += rows(name);
    least.names.add(name);
  }
  return shares.map((s) => names.filter((n) => s.names.has(n)));
}

/** Each worker's DuckDB threads: its part of the cores, so the workers do not oversubscribe them ($CARS_DUCKDB_THREADS wins). */
export const toWorkerThreads = (cores: number, workers: number, env: NodeJS.ProcessEnv = process.env): number =>
  toEnvThreads(env) ?? Math.max(1, Math.floor(cores / Math.max(1, workers)));
