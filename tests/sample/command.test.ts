import { describe, expect, it } from 'vitest';
import { sample, toSummaryTable } from '../../src/cli/commands/sample.ts';
import { isCarsError } from '../../src/lib/errors.ts';
import type { SampleSummary } from '../../src/tools/sample/index.ts';

const summary: SampleSummary = {
  scale: 'tiny',
  seed: 3,
  format: 'csv',
  out: 'data/x',
  partiesPerRole: { IS: 5, ES: 2, GS: 4, ED: 3 },
  months: [
    { month: '2025-10', rows: { parties: 8, registrations: 1234, devices: 5000, service_requests: 4321, alerts: 600, incidents: 5 } },
  ],
};

describe('cars sample', () => {
  it('prints one row per month with a column per file and the parties per role', () => {
    const lines = toSummaryTable(summary).split('\n');
    expect(lines[1]).toMatch(/^month\s+parties\s+registrations\s+devices\s+service_requests\s+alerts\s+incidents$/);
    expect(lines[2]).toMatch(/^2025-10\s+8\s+1,234\s+5,000\s+4,321\s+600\s+5$/);
    expect(lines.at(-1)).toBe('parties per role: IS 5, ES 2, GS 4, ED 3');
  });

  it.each([
    [{ scale: 'huge', seed: '1', out: 'x' }, '--scale'],
    [{ scale: 'tiny', out: 'x' }, '--seed'],
    [{ scale: 'tiny', seed: '-4', out: 'x' }, '--seed'],
    [{ scale: 'tiny', seed: '1' }, '--out'],
    [{ scale: 'tiny', seed: '1', out: 'x', format: 'xlsx' }, '--format'],
    [{ scale: 'tiny', seed: '1', out: 'x', months: '0' }, '--months'],
    [{ scale: 'tiny', seed: '1', out: 'x', month: '2025-13' }, '--month'],
  ])('rejects bad options %j', async (values, where) => {
    const error = await sample.run(values, []).catch((e: unknown) => e);
    expect(isCarsError(error)).toBe(true);
    expect((error as Error).message).toContain(where);
  });
});
