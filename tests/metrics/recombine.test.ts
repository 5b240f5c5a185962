import { beforeAll, describe, expect, it } from 'vitest';
import { readPartitionManifest, readPartyDataset, readPartyManifest } from '../../src/pipeline/partition/read.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { buildTinySample } from '../partition/sample.ts';
import { GOLDEN_DATA, GOLDEN_MONTH, buildMonth } from './golden.ts';

const COUNTS = ['requests', 'successes', 'failures', 'no_response', 'rtt_n'] as const;

/** Daily cells of every item add up to the monthly counts exactly; histograms add up to rtt_n. */
async function expectDailyRecombines(ws: Workspace): Promise<number> {
  let checked = 0;
  for (const party of (await readPartitionManifest(ws)).parties) {
    const manifest = await readPartyManifest(ws, party.partyId);
    const monthly = await readPartyDataset(ws, manifest, 'item_monthly');
    const daily = await readPartyDataset(ws, manifest, 'item_daily');
    for (const m of monthly) {
      const cells = daily.filter((d) => d.role === m.role && d.item_id === m.item_id);
      for (const column of COUNTS) {
        expect(
          cells.reduce((sum, d) => sum + (d[column] as number), 0),
          `${party.partyId} ${String(m.item_id)} ${column}`,
        ).toBe(m[column]);
      }
      const histogramTotal = cells.reduce((sum, d) => sum + (d.rtt_hist as number[]).reduce((a, b) => a + b, 0), 0);
      expect(histogramTotal).toBe(m.rtt_n);
      if ((m.requests as number) > 0) checked += 1;
    }
  }
  return checked;
}

describe('daily cells recombine into monthly figures', () => {
  let golden: Workspace;
  let sample: Workspace;
  beforeAll(async () => {
    golden = await buildMonth(GOLDEN_DATA, GOLDEN_MONTH);
    sample = (await buildTinySample()).ws;
  });

  it('on the golden month', async () => {
    expect(await expectDailyRecombines(golden)).toBeGreaterThan(10);
  });

  it('on the generated tiny sample', async () => {
    expect(await expectDailyRecombines(sample)).toBeGreaterThan(50);
  });
});
