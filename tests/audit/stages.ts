import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../../src/pipeline/ingest/index.ts';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';

export const fixture = (name: string): string => new URL(`../fixtures/${name}/`, import.meta.url).pathname;

/** config/policy.json with secondary suppression set as asked, in a temporary file. */
async function writePolicy(dir: string, secondarySuppression: boolean): Promise<string> {
  const policy = JSON.parse(await readFile(new URL('../../config/policy.json', import.meta.url), 'utf8')) as {
    disclosure: Record<string, unknown>;
  };
  policy.disclosure.secondarySuppression = secondarySuppression;
  const path = join(dir, 'policy.json');
  await writeFile(path, JSON.stringify(policy));
  return path;
}

/** Ingest → metrics → partition of each month, oldest first, into one fresh work folder; the workspace of the last. */
export async function buildMonths(data: string, months: readonly string[], secondarySuppression: boolean): Promise<Workspace> {
  const work = await mkdtemp(join(tmpdir(), 'cars-audit-'));
  process.env.CARS_QUIET = '1';
  const policyPath = await writePolicy(work, secondarySuppression);
  let ws: Workspace | undefined;
  for (const month of months) {
    await runIngest({ data, month, work, maxRejectRate: 0 });
    ws = { work, out: join(work, 'dist'), month };
    await runMetrics(ws, { policyPath });
    await runPartition(ws);
  }
  return ws!;
}
