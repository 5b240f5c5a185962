import { describe, expect, it } from 'vitest';
import { buildFirmwareFindings } from '../../src/pipeline/audit/checkFirmware.ts';
import type { Row } from '../../src/pipeline/audit/input.ts';
import { buildTruthIndex } from '../../src/pipeline/audit/truth.ts';
import { PARTIES, POLICY, buildMonth, buildView } from './rows.ts';

/**
 * One item, 7 parties, one model M-1 (10 requests each). Its firmware 1.0 holds P1's and P2's requests only (3 each),
 * firmware 2.0 the rest: M-1 / 1.0 fails the rule for P1, whatever else it sees.
 */
type Slice = [dimension: string, slice: string, requests: (p: string) => number];
const SLICES: Slice[] = [
  ['model', 'M-1', () => 10],
  ['firmware', 'M-1 / 1.0', (p) => (p === 'P1' || p === 'P2' ? 3 : 0)],
  ['firmware', 'M-1 / 2.0', (p) => (p === 'P1' || p === 'P2' ? 7 : 10)],
];

const rcRow = (dimension: string, slice: string, requests: number, published: boolean): Row => ({
  role: 'IS',
  item_id: 'RR-4.1.1',
  dimension,
  slice,
  requests,
  failures: 0,
  industry_status: published ? 'published' : 'suppressed',
});

/** Findings for P1, shown the slices `shows` names (every party's own rows make the truth). */
function findFor(shows: readonly string[], slices: readonly Slice[] = SLICES): string[][] {
  const parties = PARTIES.map((p) =>
    buildView(p, {
      root_causes: slices.filter(([, , n]) => n(p) > 0).map(([d, s, n]) => rcRow(d, s, n(p), p === 'P1' && shows.includes(s))),
    }),
  );
  const month = buildMonth(parties);
  return buildFirmwareFindings(month.parties[0]!, buildTruthIndex(month), POLICY).map((f) => [f.check, f.cell, f.problem]);
}

describe('privacy audit of firmware slices under their model', () => {
  it('fails a lone hidden firmware slice: the model slice minus its other firmware gives it', () => {
    expect(findFor(['M-1', 'M-1 / 2.0'])).toEqual([['b', 'IS|RR-4.1.1|firmware|M-1 / 1.0', 'suppressed cell recoverable by subtraction']]);
  });

  it('fails a hidden model slice whose firmware slices are all shown', () => {
    expect(findFor(['M-1 / 1.0', 'M-1 / 2.0'])).toEqual([
      ['b', 'IS|RR-4.1.1|model|M-1', 'suppressed total is the sum of its published cells'],
    ]);
  });

  it('accepts both firmware slices hidden under a shown model', () => {
    expect(findFor(['M-1'])).toEqual([]);
  });

  it('takes requests without a device record as one slice in both dimensions: shown in both, nothing is derived', () => {
    const unrecorded: Slice[] = [
      ['model', 'Model not recorded', () => 5],
      ['firmware', 'Firmware not recorded', () => 5],
    ];
    expect(findFor(['Model not recorded', 'Firmware not recorded'], unrecorded)).toEqual([]);
    expect(findFor(['Firmware not recorded'], unrecorded)).toEqual([
      ['b', 'IS|RR-4.1.1|model|Model not recorded', 'suppressed total is the sum of its published cells'],
    ]);
  });
});
