import { describe, expect, it } from 'vitest';
import {
  toAxisLabel,
  toCountTicks,
  toFittedDomain,
  toRateAxis,
  toRateTickFormat,
  toStartNote,
  toTickCount,
} from '../../src/islands/party/axes.ts';

describe('chart axes', () => {
  it('name the unit of every measure', () => {
    expect(toAxisLabel('success_rate_pct')).toBe('Success rate (%)');
    expect(toAxisLabel('success_rate')).toBe('Success rate (%)');
    expect(toAxisLabel('you_s')).toBe('Time (s)');
    expect(toAxisLabel('failures')).toBe('Failures (count)');
  });

  it('fit rates to their range, padded, within 0 to 100 %', () => {
    // range 0.90–0.95: padded by 8 % of 0.05 = 0.004, less than the half point minimum
    expect(toFittedDomain([0.9, 0.95], 1)).toEqual([0.895, 0.955]);
    const [low, high] = toFittedDomain([40, 90], 100);
    expect(low).toBeCloseTo(36);
    expect(high).toBeCloseTo(94);
    expect(toFittedDomain([0.001, 0.999], 1)).toEqual([0, 1]);
    expect(toFittedDomain([], 100)).toEqual([0, 100]);
  });

  it('say where an axis starts when it does not start at 0', () => {
    expect(toStartNote([0.895, 0.955], 1)).toBe(' (axis starts at 89.5%)');
    expect(toStartNote([36, 94], 100)).toBe(' (axis starts at 36%)');
    expect(toStartNote([0, 1], 1)).toBe('');
  });

  it('labels rate ticks with the decimals their step needs, so no two ticks read the same', () => {
    const ticks = (lo: number, hi: number, step: number) =>
      Array.from({ length: Math.floor((hi - lo) / step + 1e-9) + 1 }, (_, i) => lo + i * step);
    // half-point ticks over 90.8–96 %: whole points would repeat each label
    const half = toRateTickFormat([0.908, 0.96], 1);
    const labels = ticks(0.91, 0.96, 0.005).map(half);
    expect(new Set(labels).size).toBe(labels.length);
    expect(half(0.915)).toBe('91.5%');
    expect(toRateTickFormat([0, 1], 1)(0.5)).toBe('50%');
    expect(toRateTickFormat([40, 90], 100)(55)).toBe('55%');
    expect(toRateTickFormat([99.2, 99.8], 100)(99.45)).toBe('99.45%');
  });

  it('label ticks for the count the axis draws: whole points on an axis with room for about ten ticks', () => {
    // 89.7–100.3 %: 15 ticks would step by half a point, 11 (an 880 px axis) by whole points
    expect(toRateTickFormat([0.897, 1.003], 1)(0.9)).toBe('90.0%');
    const axis = toRateAxis([0.897, 1.003], 1, toTickCount(880, 'x'));
    expect(axis.ticks).toBe(11);
    expect(axis.tickFormat(0.9)).toBe('90%');
    expect(toTickCount(280, 'y')).toBe(8);
  });

  it('tick a count axis at whole numbers only', () => {
    // Plot asks for floor(max) + 1 as the end: a 0–4 axis, 8 ticks wanted
    const axis = toCountTicks(8);
    expect(axis.range(0, axis.offset(axis.floor(4)))).toEqual([0, 1, 2, 3, 4]);
    expect(axis.range(0, axis.offset(axis.floor(4000)))).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000]);
    expect(axis.range(0, axis.offset(axis.floor(1.2)))).toEqual([0, 1]);
  });
});
