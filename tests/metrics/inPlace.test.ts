import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { INGEST_MANIFEST_FILE, IngestManifestSchema } from '../../src/pipeline/ingest/index.ts';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { METRICS_MANIFEST_FILE, metricsManifestSchema, type MetricsManifest } from '../../src/pipeline/metrics/manifest.ts';
import { stageDir, type Workspace } from '../../src/pipeline/workspace.ts';
import { toParquet, typedSelect } from '../ingest/helpers.ts';
import { GOLDEN_DATA, GOLDEN_MONTH, buildMonth } from './golden.ts';

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));
const readMetricsManifest = async (ws: Workspace): Promise<MetricsManifest> =>
  metricsManifestSchema.parse(await readJson(join(stageDir(ws, 'metrics'), METRICS_MANIFEST_FILE)));
const tableDigests = (m: MetricsManifest): Record<string, string> => Object.fromEntries(m.tables.map((t) => [t.name, t.sha256]));

/** The golden fixture as typed Parquet: the reporting month's requests are then read in place. */
async function toTypedParquetCopy(): Promise<string> {
  const data = await mkdtemp(join(tmpdir(), 'cars-in-place-'));
  for (const month of ['2025-08', '2025-09', GOLDEN_MONTH]) await cp(join(GOLDEN_DATA, month), join(data, month), { recursive: true });
  await toParquet(data, typedSelect);
  return data;
}

async function dropOneRequest(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE r AS SELECT * FROM read_parquet('${path}')`);
    await db.run(`COPY (SELECT * FROM r ORDER BY request_id OFFSET 1) TO '${path}' (FORMAT parquet)`);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

describe('requests read in place', () => {
  let fromCsv: Workspace;
  let fromParquet: Workspace;
  let data: string;
  beforeAll(async () => {
    fromCsv = await buildMonth(GOLDEN_DATA, GOLDEN_MONTH);
    data = await toTypedParquetCopy();
    fromParquet = await buildMonth(data, GOLDEN_MONTH);
  });

  it('gives the same metrics as the copied CSV load', async () => {
    const ingest = IngestManifestSchema.parse(await readJson(join(stageDir(fromParquet, 'ingest'), INGEST_MANIFEST_FILE)));
    expect(ingest.files.filter((f) => f.readInPlace).map((f) => f.path)).toEqual([`${GOLDEN_MONTH}/service_requests.parquet`]);
    const csv = tableDigests(await readMetricsManifest(fromCsv));
    expect(Object.keys(csv).length).toBeGreaterThan(10);
    expect(tableDigests(await readMetricsManifest(fromParquet))).toEqual(csv);
  });

  it('refuses to run metrics once the file changed after ingest, keeping the previous output', async () => {
    const before = await readMetricsManifest(fromParquet);
    const file = join(data, GOLDEN_MONTH, 'service_requests.parquet');
    await dropOneRequest(file);
    await expect(runMetrics(fromParquet)).rejects.toThrow(`input changed since ingest, rerun the ingest stage: ${file}`);
    expect(await readMetricsManifest(fromParquet)).toEqual(before);
  });
});
