import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../../src/pipeline/ingest/index.ts';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { writePolicy } from '../policyFile.ts';

export const fixture = (name: string): string => new URL(`../fixtures/${name}/`, import.meta.url).pathname;

/** Ingest → metrics → partition of each month, oldest first, into one fresh work folder; the workspace of the last. */
export async function buildMonths(data: string, months: readonly string[], secondarySuppression: boolean): Promise<Workspace> {
  const work = await mkdtemp(join(tmpdir(), 'cars-audit-'));
  process.env.CARS_QUIET = '1';
  const policyPath = await writePolicy(work, { secondarySuppression });
  let ws: Workspace | undefined;
  for (const month of months) {
    await runIngest({ data, month, work, maxRejectRate: 0 });
    ws = { work, out: join(work, 'dist'), month };
    await runMetrics(ws, { policyPath });
    await runPartition(ws);
  }
  return ws!;
}
