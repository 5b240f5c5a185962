import { join } from 'node:path';
import { CarsError } from '../lib/errors.ts';
import { step } from '../lib/progress.ts';
import { listArchivedMonths, rewrapArchive } from '../tools/archive/index.ts';
import { requireCleanAudit, runAudit } from './audit/index.ts';
import { writeHostConfig } from './host/index.ts';
import { runIngest } from './ingest/index.ts';
import { insightsWorkDir, PUBLIC_INSIGHTS_FILE, runInsights, toAudienceSummary } from './insights/index.ts';
import { runMetrics } from './metrics/index.ts';
import { runPackCsv } from './pack-csv/index.ts';
import { runPackPdf, type PdfPackOptions, type PdfPackResult } from './pack-pdf/index.ts';
import { runPartition } from './partition/index.ts';
import { rewrapKeyrings, runSeal } from './seal/index.ts';
import { publishSealedAreas, runSite } from './site/index.ts';
import { stageDir, type Workspace } from './workspace.ts';
import { SEAL_MANIFEST_FILE } from '../shared/partitionManifest.ts';

export const STAGES = ['ingest', 'metrics', 'partition', 'audit', 'pack-csv', 'insights', 'seal', 'site', 'pack-pdf', 'host'] as const;
export type Stage = (typeof STAGES)[number];

export interface BuildOptions {
  data: string;
  secrets: string;
  /** Host configuration folder, beside the output folder. */
  host: string;
  /** Archive folder whose frozen months get their keyrings re-wrapped. */
  archive: string;
  maxRejectRate: number;
  /** Per contract file, overriding `maxRejectRate`. */
  maxRejectRates?: Record<string, number>;
  bootstrap: boolean;
  /** `auto` skips PDFs with one line when no Chromium is found. */
  pdf: 'auto' | 'required' | 'off';
  stages: Stage[];
  /** Notes of the analytics team, `<insights>/<YYYY-MM>/*.md` (default `content/insights`). */
  insights?: string;
}

export function parseStages(value: string | undefined): Stage[] {
  if (!value) return [...STAGES];
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(STAGES as readonly string[]).includes(name)) throw new CarsError('unknown stage', name, `--stages; one of ${STAGES.join(', ')}`);
  }
  return STAGES.filter((s) => names.includes(s));
}

/** Every month built or archived gets keyrings for today's recipients; data files stay as they are. */
async function rewrapEverywhere(ws: Workspace, options: BuildOptions): Promise<number> {
  const built = await rewrapKeyrings([ws.work, ws.out], options.secrets);
  let count = built.rewritten.length;
  for (const month of await listArchivedMonths(options.archive)) {
    count += (await rewrapArchive(options.archive, month, options.secrets)).rewritten.length;
  }
  return count;
}

/**
 * pack-pdf prints the built site into its own folder; seal then seals the PDFs with each party's other
 * files and the site publishes the sealed areas again (its pages are not rebuilt).
 */
export async function runPackPdfAndPublish(ws: Workspace, options: PdfPackOptions): Promise<PdfPackResult> {
  const result = await runPackPdf(ws, options);
  if (result.skipped) return result;
  await step('seal with PDFs', () => runSeal(ws, { secrets: options.secrets, bootstrap: false, print: options.print }));
  await step(
    'publish sealed files',
    () => publishSealedAreas(ws),
    (n) => `${n} parties`,
  );
  return result;
}

/** The monthly build: each stage reads the previous stage's files, so any stage can be rerun alone. */
export async function runBuild(ws: Workspace, options: BuildOptions): Promise<void> {
  const wants = (stage: Stage): boolean => options.stages.includes(stage);
  const sealDir = stageDir(ws, 'seal');
  if (wants('ingest')) {
    const { maxRejectRate, maxRejectRates } = options;
    await runIngest({ data: options.data, month: ws.month, work: ws.work, maxRejectRate, maxRejectRates });
  }
  if (wants('metrics')) await step('metrics', () => runMetrics(ws));
  if (wants('partition')) await step('partition', () => runPartition(ws));
  if (wants('audit')) requireCleanAudit(ws, await runAudit(ws));
  if (wants('pack-csv')) await step('csv downloads', () => runPackCsv(ws));
  if (wants('insights'))
    await step('insights', () => runInsights(ws, { content: options.insights ?? 'content/insights' }), toAudienceSummary);
  if (wants('seal')) await step('seal', () => runSeal(ws, { secrets: options.secrets, bootstrap: options.bootstrap }));
  if (wants('site'))
    await step('site', () =>
      runSite(ws, {
        sealManifest: join(sealDir, SEAL_MANIFEST_FILE),
        sealedDir: join(sealDir, 'u'),
        publicInsights: join(insightsWorkDir(ws), PUBLIC_INSIGHTS_FILE),
      }),
    );
  if (wants('pack-pdf') && options.pdf !== 'off')
    await runPackPdfAndPublish(ws, { secrets: options.secrets, requirePdf: options.pdf === 'required' });
  if (wants('seal'))
    await step(
      're-wrap keyrings',
      () => rewrapEverywhere(ws, options),
      (n) => `${n} rewritten`,
    );
  if (wants('host')) await step('host config', () => writeHostConfig({ secrets: options.secrets, out: ws.out, hostDir: options.host }));
}
