import { describe, expect, it } from 'vitest';
import { buildFirmwareFindings } from '../../src/pipeline/audit/checkFirmware.ts';
import { buildAudit } from '../../src/pipeline/audit/core.ts';
import type { Row } from '../../src/pipeline/audit/input.ts';
import { buildTruthIndex } from '../../src/pipeline/audit/truth.ts';
import { PARTIES, POLICY, buildMonth, buildView, monthlyRow } from './rows.ts';

/**
 * One item, 7 parties, one model M-1 (10 requests each). Its firmware 1.0 holds P1's and P2's requests only (3 each),
 * firmware 2.0 the rest: M-1 / 1.0 fails the rule for P1, whatever else it sees.
 */
type Slice = [dimension: string, slice: string, requests: (p: string) => number, model?: string];
const toSlices = (model: string): Slice[] => [
  ['model', model, () => 10],
  ['firmware', `${model} / 1.0`, (p) => (p === 'P1' || p === 'P2' ? 3 : 0), model],
  ['firmware', `${model} / 2.0`, (p) => (p === 'P1' || p === 'P2' ? 7 : 10), model],
];
const SLICES = toSlices('M-1');

const rcRow = ([dimension, slice, , model]: Slice, requests: number, published: boolean): Row => ({
  role: 'IS',
  item_id: 'RR-4.1.1',
  dimension,
  slice,
  model: model ?? null,
  requests,
  failures: 0,
  industry_status: published ? 'published' : 'suppressed',
});

/** Findings for P1, shown the slices `shows` names (every party's own rows make the truth). */
function findFor(shows: readonly string[], slices: readonly Slice[] = SLICES): string[][] {
  const parties = PARTIES.map((p) =>
    buildView(p, {
      root_causes: slices.filter(([, , n]) => n(p) > 0).map((slice) => rcRow(slice, slice[2](p), p === 'P1' && shows.includes(slice[1]))),
    }),
  );
  const month = buildMonth(parties);
  return buildFirmwareFindings(month.parties[0]!, buildTruthIndex(month), POLICY).map((f) => [f.check, f.cell, f.problem]);
}

describe('privacy audit of firmware slices under their model', () => {
  it('fails a lone hidden firmware slice: the model slice minus its other firmware gives it', () => {
    expect(findFor(['M-1', 'M-1 / 2.0'])).toEqual([
      ['b', 'IS|RR-4.1.1|firmware|M-1 / 1.0|M-1', 'suppressed cell recoverable by subtraction'],
    ]);
  });

  it('fails a hidden model slice whose firmware slices are all shown', () => {
    expect(findFor(['M-1 / 1.0', 'M-1 / 2.0'])).toEqual([
      ['b', 'IS|RR-4.1.1|model|M-1|∅', 'suppressed total is the sum of its published cells'],
    ]);
  });

  it('finds the model of a firmware slice by the model its row names, separator in the name or not', () => {
    expect(findFor(['A / B', 'A / B / 2.0'], toSlices('A / B'))).toEqual([
      ['b', 'IS|RR-4.1.1|firmware|A / B / 1.0|A / B', 'suppressed cell recoverable by subtraction'],
    ]);
  });

  it('keeps apart two firmware slices whose texts read the same, under different models', () => {
    // (X / Y, Z) and (X, Y / Z) both read "X / Y / Z": P1 is shown the second, and the first still follows by subtraction
    const slices: Slice[] = [...toSlices('X / Y').map((s): Slice => (s[1] === 'X / Y / 1.0' ? [s[0], 'X / Y / Z', s[2], s[3]] : s))];
    slices.push(['model', 'X', () => 10], ['firmware', 'X / Y / Z', () => 10, 'X']);
    const parties = PARTIES.map((p) =>
      buildView(p, {
        root_causes: slices
          .filter(([, , n]) => n(p) > 0)
          .map((slice) => rcRow(slice, slice[2](p), p === 'P1' && (slice[3] === 'X' || slice[1] !== 'X / Y / Z'))),
      }),
    );
    const month = buildMonth(parties);
    const found = buildFirmwareFindings(month.parties[0]!, buildTruthIndex(month), POLICY).map((f) => [f.check, f.cell, f.problem]);
    expect(found).toEqual([['b', 'IS|RR-4.1.1|firmware|X / Y / Z|X / Y', 'suppressed cell recoverable by subtraction']]);
  });

  it('accepts both firmware slices hidden under a shown model', () => {
    expect(findFor(['M-1'])).toEqual([]);
  });

  it('takes requests without a device record as one slice in both dimensions: shown in both, nothing is derived', () => {
    const unrecorded: Slice[] = [
      ['model', 'Model not recorded', () => 5],
      ['firmware', 'Firmware not recorded', () => 5, 'Model not recorded'],
    ];
    expect(findFor(['Model not recorded', 'Firmware not recorded'], unrecorded)).toEqual([]);
    expect(findFor(['Firmware not recorded'], unrecorded)).toEqual([
      ['b', 'IS|RR-4.1.1|model|Model not recorded|∅', 'suppressed total is the sum of its published cells'],
    ]);
  });

  it('reports a slice reached by two checks once: with one model, the item and the model give the same subtraction', () => {
    const parties = PARTIES.map((p) =>
      buildView(p, {
        item_monthly: [monthlyRow(10, 70)],
        root_causes: SLICES.filter(([, , n]) => n(p) > 0).map((slice) => rcRow(slice, slice[2](p), p !== 'P1' || slice[1] !== 'M-1 / 1.0')),
      }),
    );
    const month = buildMonth(parties);
    const cell = 'IS|RR-4.1.1|firmware|M-1 / 1.0|M-1';
    const reached = [...buildFirmwareFindings(month.parties[0]!, buildTruthIndex(month), POLICY)].filter((f) => f.cell === cell);
    expect(reached).toHaveLength(1);
    const reported = buildAudit(month, null).findings.filter((f) => f.reader === 'P1' && f.check === 'b');
    expect(reported.map((f) => [f.check, f.cell, f.problem])).toEqual([['b', cell, 'suppressed cell recoverable by subtraction']]);
  });
});
