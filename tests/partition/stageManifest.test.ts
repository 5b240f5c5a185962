import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import { runSeal } from '../../src/pipeline/seal/sealStage.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';

const MONTH = '2025-10';

async function workspaceWith(stage: string, file: string, text: string | undefined): Promise<Workspace> {
  const work = await mkdtemp(join(tmpdir(), 'cars-stage-manifest-'));
  const dir = join(work, MONTH, stage);
  await mkdir(dir, { recursive: true });
  if (text !== undefined) await writeFile(join(dir, file), text);
  return { work, out: join(work, 'dist'), month: MONTH };
}

async function errorOf(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(
    () => new Error('no error'),
    (e: unknown) => e as Error,
  );
  return error;
}

describe('a missing or broken stage manifest', () => {
  for (const [label, text] of [
    ['missing', undefined],
    ['not JSON', '{"schemaVersion": 1,'],
    ['invalid', '{"schemaVersion": 1, "month": "2025-10"}'],
  ] as const) {
    it(`partition: metrics manifest ${label} is one line naming the metrics stage`, async () => {
      const ws = await workspaceWith('metrics', 'metrics-manifest.json', text);
      const error = await errorOf(runPartition(ws));
      expect(error).toBeInstanceOf(CarsError);
      expect(error.message).toContain('rerun the metrics stage');
      expect(error.message).not.toContain('\n');
    });
  }

  it('metrics: a corrupt ingest manifest names the ingest stage', async () => {
    const ws = await workspaceWith('ingest', 'ingest-manifest.json', '[]');
    await writeFile(join(ws.work, MONTH, 'ingest', 'month.duckdb'), '');
    const error = await errorOf(runMetrics(ws));
    expect(error).toBeInstanceOf(CarsError);
    expect(error.message).toContain('rerun the ingest stage');
  });

  it('seal: a corrupt pack-csv downloads list names the pack-csv stage', async () => {
    const ws = await workspaceWith('pack-csv', 'downloads-manifest.json', '{"month": "2025-10"}');
    await mkdir(join(ws.work, MONTH, 'partition'));
    await writeFile(join(ws.work, MONTH, 'partition', 'partition-manifest.json'), '{"parties": []}');
    const error = await errorOf(runSeal(ws, { secrets: join(ws.work, 'secrets'), bootstrap: true, print: () => undefined }));
    expect(error).toBeInstanceOf(CarsError);
    expect(error.message).toContain('rerun the pack-csv stage');
  });
});
