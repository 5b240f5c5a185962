import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSample } from '../../src/tools/sample/index.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { buildMonth } from '../metrics/golden.ts';

export const SAMPLE_MONTH = '2025-10';

/** The generated tiny sample (3 months), built through ingest, metrics and partition. */
export async function buildTinySample(): Promise<{ ws: Workspace; data: string }> {
  process.env.CARS_QUIET = '1';
  const data = join(await mkdtemp(join(tmpdir(), 'cars-sample-')), 'data');
  await writeSample({ scale: 'tiny', seed: 7, out: data, format: 'csv', months: 3, month: SAMPLE_MONTH });
  return { ws: await buildMonth(data, SAMPLE_MONTH), data };
}
