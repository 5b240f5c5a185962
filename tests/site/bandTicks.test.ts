import { describe, expect, it } from 'vitest';
import {
  toBandTicks,
  toRankLabels,
  toRotatedMargins,
  withBandRoom,
  withDayGaps,
  withoutRepeats,
} from '../../src/islands/party/plotMarks.ts';

describe('toBandTicks', () => {
  it('labels every bar of a short axis', () => {
    expect(toBandTicks(5, -1)).toEqual([0, 1, 2, 3, 4]);
    expect(toBandTicks(5, 2)).toEqual([0, 1, 2, 3, 4]);
  });

  it('labels every k-th bar of a long axis, at most 24', () => {
    const ticks = toBandTicks(89, -1);
    expect(ticks).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76, 80, 84, 88]);
  });

  it("always labels the reader's own bar and drops the neighbours that would overlap it", () => {
    const ticks = toBandTicks(89, 39);
    expect(ticks).toContain(39);
    expect(ticks.filter((t) => Math.abs(t - 39) < 4)).toEqual([39]);
    expect(ticks).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 39, 44, 48, 52, 56, 60, 64, 68, 72, 76, 80, 84, 88]);
  });
});

describe('incident bands', () => {
  it('leave room above the data for their labels, unless the axis has its range already', () => {
    const band = [{ from: '2025-10-01', to: '2025-10-02', label: 'Cat 2' }];
    const roomy = withBandRoom({ grid: true }, 100, band) as { grid: boolean; domain: number[] };
    expect(roomy.domain[0]).toBe(0);
    expect(roomy.domain[1]).toBeCloseTo(112);
    expect(withBandRoom({ grid: true }, 100, [])).toEqual({ grid: true });
    expect(withBandRoom({ domain: [0, 1] }, 0.5, band)).toEqual({ domain: [0, 1] });
  });
});

describe('turned band labels', () => {
  it('take their room below the plot, not out of it', () => {
    const short = toRotatedMargins(['HX-E7', 'KE-210']);
    const long = toRotatedMargins(['Dapplewood Energy Supply', 'Valewind Energy Supply Limited']);
    expect(long.marginBottom).toBeGreaterThan(short.marginBottom);
    expect(long.height - long.marginBottom).toBe(short.height - short.marginBottom);
  });
});

describe('ranked axis labels', () => {
  it('marks a shared rank "=N", the reader\'s own "(You)", and labels a run of ties once', () => {
    const ranks = [1, 1, 1, 1, 1, 6, 7, 7, 9];
    const labels = toRankLabels(ranks, true, 6);
    expect(labels).toEqual(['=1', '=1', '=1', '=1', '=1', '6', '=7 (You)', '=7', '9']);
    expect(withoutRepeats([0, 2, 4, 6, 8], labels)).toEqual([0, 6, 8]);
    // a pair tied at 3 reads "=3" once on the axis, so the unlabelled mark after it is the other third, not a fourth
    const pair = toRankLabels([1, 2, 3, 3, 5], true, -1);
    expect(withoutRepeats([0, 1, 2, 3, 4], pair).map((t) => pair[t])).toEqual(['1', '2', '=3', '5']);
    // not a rank (any other band axis): no tie marks
    expect(toRankLabels(['A', 'A'], false, -1)).toEqual(['A', 'A']);
  });
});

describe('withDayGaps', () => {
  it('breaks each series of a daily line after a day without a row, and only there', () => {
    const at = (day: number, series: string, value: number) => ({ x: new Date(Date.UTC(2025, 9, day)), series, value });
    const out = withDayGaps([
      at(1, 'You', 3),
      at(1, 'Industry', 9),
      at(2, 'You', 4),
      at(2, 'Industry', 8),
      at(5, 'You', 1),
      at(3, 'Industry', 7),
    ]);
    const gaps = out.filter((d) => Number.isNaN(d.value));
    expect(gaps).toEqual([{ x: new Date(Date.UTC(2025, 9, 3)), series: 'You', value: Number.NaN }]);
    expect(out.filter((d) => !Number.isNaN(d.value))).toHaveLength(6);
  });
});
