import { range, ticks } from 'd3-array';
import { isRateColumn, isSecondsColumn, toColumnLabel } from './format.ts';

/** How a measure column is scaled: `_pct` columns hold 0–100, other rates 0–1, times seconds, the rest counts. */
export type Unit = 'pct' | 'fraction' | 'seconds' | 'count';

export const toUnit = (column: string): Unit =>
  column.endsWith('_pct') ? 'pct' : isRateColumn(column) ? 'fraction' : isSecondsColumn(column) ? 'seconds' : 'count';

const UNIT_TEXT: Record<Unit, string> = { pct: '%', fraction: '%', seconds: 's', count: 'count' };

/** Axis label of a measure with its unit: `success_rate_pct` → "Success rate (%)", `you_s` → "Time (s)", `failures` → "Failures (count)". */
export function toAxisLabel(column: string): string {
  const unit = toUnit(column);
  if (unit === 'seconds') return 'Time (s)';
  const name = toColumnLabel(column.replace(/_pct$/, ''));
  return `${name} (${UNIT_TEXT[unit]})`;
}

/**
 * An axis fitted to rates, so differences of a few points show: the values' range padded by 8 % (at least half a
 * point), kept within 0–100 %. `full` is 1 for fractions, 100 for `_pct` columns.
 */
export function toFittedDomain(values: readonly number[], full: number): [number, number] {
  if (values.length === 0) return [0, full];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max(full * 0.005, (high - low) * 0.08);
  return [Math.max(0, low - pad), Math.min(full, high + pad)];
}

/** What the axis label adds when a fitted axis does not start at 0. */
export const toStartNote = (domain: readonly [number, number], full: number): string =>
  domain[0] > 0 ? ` (axis starts at ${Math.round((domain[0] / full) * 1000) / 10}%)` : '';

/**
 * Tick labels for a fitted rate axis with as many decimals as its tick step needs: a 0.5-point step labelled
 * to whole points read "92% 92% 93% 93%". Uses d3's step rule (1, 2 or 5 × 10^k) for `count` ticks: pass the axis
 * the same count (`toRateAxis`), or a coarser step than assumed shows a redundant trailing zero ("90.0%").
 */
export function toRateTickFormat(domain: readonly [number, number], full: number, count = 15): (value: number) => string {
  const raw = (((domain[1] - domain[0]) / full) * 100) / count;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  const error = raw / power;
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
  const decimals = Math.min(3, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return (value) => `${((value / full) * 100).toFixed(decimals)}%`;
}

/** Plot's own default tick count for an axis `length` pixels long (x: width / 80, y: height / 35). */
export const toTickCount = (length: number, axis: 'x' | 'y'): number => Math.max(2, Math.round(length / (axis === 'x' ? 80 : 35)));

/** A fitted rate axis's ticks and their labels, agreeing on the tick count. */
export const toRateAxis = (domain: readonly [number, number], full: number, count: number) => ({
  ticks: count,
  tickFormat: toRateTickFormat(domain, full, count),
});

/**
 * Ticks of a count axis as a Plot interval: d3's nice ticks while their step is whole, else every whole number (an
 * axis of 0–4 failures has no tick at 0.5). Plot asks for the range from the domain's start to one past its floored end.
 */
export const toCountTicks = (count: number) => ({
  floor: Math.floor,
  offset: (value: number, k = 1) => value + k,
  range: (lo: number, hi: number): number[] => {
    const nice = ticks(lo, hi - 1, count);
    return nice.every(Number.isInteger) ? nice : range(Math.ceil(lo), hi);
  },
});
