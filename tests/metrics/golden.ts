import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../../src/pipeline/ingest/index.ts';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import { readPartyDataset, readPartyManifest, type DatasetRow } from '../../src/pipeline/partition/read.ts';
import type { DisclosurePolicy } from '../../src/shared/policy.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { writePolicy } from '../policyFile.ts';

export const GOLDEN_DATA = new URL('../fixtures/golden/', import.meta.url).pathname;
export const GOLDEN_MONTH = '2025-10';

/**
 * Ingest → metrics → partition of a data folder into a fresh temporary work folder. The fixtures send a few requests
 * per party, so peers are ranked from one request up unless `disclosure` says otherwise (config/policy.json's other
 * parameters as they are).
 */
export async function buildMonth(
  data: string,
  month: string,
  disclosure: Partial<DisclosurePolicy> = { minPeerVolume: 1 },
): Promise<Workspace> {
  const work = await mkdtemp(join(tmpdir(), 'cars-metrics-'));
  process.env.CARS_QUIET = '1';
  await runIngest({ data, month, work, maxRejectRate: 0 });
  const ws: Workspace = { work, out: join(work, 'dist'), month };
  await runMetrics(ws, { policyPath: await writePolicy(work, disclosure) });
  await runPartition(ws);
  return ws;
}

/** The golden fixture with only its reporting month (no history folders). */
export async function copyMonthOnly(data: string, month: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cars-month-only-'));
  await cp(join(data, month), join(dir, month), { recursive: true });
  return dir;
}

export async function readDataset(ws: Workspace, partyId: string, name: string): Promise<DatasetRow[]> {
  return readPartyDataset(ws, await readPartyManifest(ws, partyId), name);
}
