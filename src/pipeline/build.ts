import { join } from 'node:path';
import { CarsError } from '../lib/errors.ts';
import { step } from '../lib/progress.ts';
import { runIngest } from './ingest/index.ts';
import { runMetrics } from './metrics/index.ts';
import { runPartition } from './partition/index.ts';
import { rewrapKeyrings, runSeal } from './seal/index.ts';
import { runSite } from './site/index.ts';
import { writeHostConfig } from './host/index.ts';
import type { Workspace } from './workspace.ts';

export const STAGES = ['ingest', 'metrics', 'partition', 'seal', 'site', 'host'] as const;
export type Stage = (typeof STAGES)[number];

export interface BuildOptions {
  data: string;
  secrets: string;
  /** Host configuration folder, beside the output folder. */
  host: string;
  maxRejectRate: number;
  bootstrap: boolean;
  stages: Stage[];
}

export function parseStages(value: string | undefined): Stage[] {
  if (!value) return [...STAGES];
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(STAGES as readonly string[]).includes(name)) throw new CarsError('unknown stage', name, `--stages; one of ${STAGES.join(', ')}`);
  }
  return STAGES.filter((s) => names.includes(s));
}

/** The monthly build: each stage reads the previous stage's files, so any stage can be rerun alone. */
export async function runBuild(ws: Workspace, options: BuildOptions): Promise<void> {
  const wants = (stage: Stage): boolean => options.stages.includes(stage);
  if (wants('ingest')) await runIngest({ data: options.data, month: ws.month, work: ws.work, maxRejectRate: options.maxRejectRate });
  if (wants('metrics')) await step('metrics', () => runMetrics(ws));
  if (wants('partition')) await step('partition', () => runPartition(ws));
  if (wants('seal')) await step('seal', () => runSeal(ws, { secrets: options.secrets, bootstrap: options.bootstrap }));
  if (wants('site')) {
    const sealDir = join(ws.work, ws.month, 'seal');
    await step('site', () => runSite(ws, { sealManifest: join(sealDir, 'seal-manifest.json'), sealedDir: join(sealDir, 'u') }));
  }
  // Recipients revoked or added since a month was built take effect on every built month.
  if (wants('seal')) await step('re-wrap keyrings', () => rewrapKeyrings([ws.work, ws.out], options.secrets), (r) => `${r.rewritten.length} rewritten`);
  if (wants('host')) await step('host config', () => writeHostConfig({ secrets: options.secrets, out: ws.out, hostDir: options.host }));
}
