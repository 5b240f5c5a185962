import { describe, expect, it } from 'vitest';
import { toBandTicks } from '../../src/islands/party/plots.ts';

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
