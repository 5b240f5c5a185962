// Every mark but the overview's dots: loaded with the first chart that draws one (plots.ts holds what they share).
import { areaY, barX, barY, dot, lineY, plot, rect, rectY, ruleY, stackX, text } from '@observablehq/plot';
import type { Row } from '../../site/arrowRows.ts';
import { toFittedDomain, toRateAxis, toStartNote, toTickCount, toUnit } from './axes.ts';
import { formatCell, toColumnLabel } from './format.ts';
import {
  HEIGHT,
  OTHER,
  OWN,
  colorFor,
  distinctText,
  fold,
  seriesLabel,
  toDay,
  toPlotFrame,
  toTip,
  type Band,
  type Long,
  type PlotOptions,
} from './plots.ts';
import type { ChartSpec } from './views.ts';

/**
 * Room for band labels turned by 30° (12 px text): their depth below the axis, and how far the first reaches left. The
 * chart grows by that depth, so long labels (supplier names) do not squeeze the plot itself.
 */
export function toRotatedMargins(labels: readonly string[]): { marginBottom: number; marginLeft: number; height: number } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const first = labels[0]?.length ?? 0;
  const marginBottom = Math.min(160, 36 + Math.ceil(3.5 * longest));
  return { marginBottom, marginLeft: Math.max(60, Math.min(200, 6 * first - 10)), height: HEIGHT + marginBottom - 36 };
}
/** A day axis; over a few days Plot would tick every 12 hours, so it ticks each day. */
const toDayAxis = (rows: readonly Row[], x: string) =>
  new Set(rows.map((r) => r[x])).size <= 10
    ? { type: 'utc' as const, label: 'Day', ticks: 'day' as const, tickFormat: '%-d %b' }
    : { type: 'utc' as const, label: 'Day' };
/** A daily line breaks where a day has no row (nothing to show that day) rather than joining its neighbours across it; rows come by day. */
export function withDayGaps(data: readonly (Long & { x: Date })[]): (Long & { x: Date })[] {
  const last = new Map<string, number>();
  return data.flatMap((d) => {
    const before = last.get(d.series) ?? Infinity;
    last.set(d.series, +d.x);
    return +d.x - before > 86_400_000 ? [{ ...d, x: new Date(before + 86_400_000), value: Number.NaN }, d] : [d];
  });
}

function bandMarks(bands: readonly Band[]) {
  if (bands.length === 0) return [];
  const data = bands.map((b) => ({ x1: toDay(b.from), x2: new Date(toDay(b.to).getTime() + 86_400_000), label: b.label }));
  return [
    rect(data, { x1: 'x1', x2: 'x2', fill: '#d55e00', fillOpacity: 0.12 }),
    text(data, { x: 'x1', text: 'label', frameAnchor: 'top', textAnchor: 'start', dx: 3, dy: 4, fill: '#8a3b00', fontSize: 10 }),
  ];
}

/** The height of each stacked bar: its rows' values summed per x. */
const stackTops = (rows: readonly Row[], x: string, y: string): number[] => {
  const tops = new Map<unknown, number>();
  for (const r of rows) tops.set(r[x], (tops.get(r[x]) ?? 0) + Number(r[y] ?? 0));
  return [...tops.values()];
};

/** Room above the data for the incident labels along the top of the frame, unless the axis already has its range. */
export function withBandRoom<A extends object>(yAxis: A, top: number, bands: readonly Band[]): A | (A & { domain: number[] }) {
  if (bands.length === 0 || 'domain' in yAxis) return yAxis;
  return { ...yAxis, domain: [0, Math.max(1, top) * 1.12] };
}

export function buildMarksPlot(spec: ChartSpec, rows: readonly Row[], width: number, opts: PlotOptions): Element | undefined {
  const { x, ys } = spec;
  const series = opts.series ?? spec.series;
  const bands = spec.incidents ? (opts.bands ?? []) : [];
  if (spec.mark === 'table' || !x) return undefined;
  const { y, measure, yAxis, common } = toPlotFrame(spec, rows, width, opts);
  const isDay = x === 'day';
  if (spec.mark === 'band' && y) {
    const data = rows.map((r) => ({ ...r, [x]: toDay(r[x]) }));
    const top = Math.max(1, ...rows.map((r) => Math.max(Number(r[y] ?? 0), Number(r.predicted_high ?? 0))));
    return plot({
      ...common,
      color: { legend: false },
      x: toDayAxis(rows, x),
      y: { ...yAxis, domain: [0, top * 1.1] },
      marks: [
        ...bandMarks(bands),
        areaY(
          data.filter((r) => r.predicted_low !== null),
          { x, y1: 'predicted_low', y2: 'predicted_high', fill: '#56b4e9', fillOpacity: 0.3 },
        ),
        lineY(
          data.filter((r) => r.predicted !== null),
          { x, y: 'predicted', stroke: '#4a5360', strokeDasharray: '4 3' },
        ),
        lineY(data, { x, y, stroke: OWN }),
        dot(data, {
          x,
          y,
          fill: OWN,
          r: 2.5,
          title: (d: Row) => `${(d[x] as unknown as Date).toISOString().slice(0, 10)}: ${formatCell(y, d[y] ?? null)}`,
        }),
        ruleY([0]),
      ],
    });
  }
  if (spec.mark === 'line') {
    const long = ys ? fold(rows, x, ys) : rows.map((r) => ({ x: r[x], series: 'You', value: Number(r[y ?? ''] ?? 0) }));
    const data = long.map((d) => ({ ...d, x: toDay(d.x) }));
    return plot({
      ...common,
      color: ys ? colorFor(ys, long) : common.color,
      x: x === 'month' ? { type: 'utc', label: 'Month', ticks: 'month' as const, tickFormat: '%b %Y' } : toDayAxis(rows, x),
      y: withBandRoom(yAxis, Math.max(0, ...long.map((d) => d.value)), bands),
      marks: [
        ...bandMarks(bands),
        // Explicit z: with one month each series has a single point, which Plot's implicit grouping flags with a warning mark.
        lineY(isDay ? withDayGaps(data) : data, { x: 'x', y: 'value', stroke: 'series', z: 'series' }),
        dot(data, { x: 'x', y: 'value', fill: 'series', r: 2.5, title: (d: Long) => toTip(d, measure) }),
        ruleY([0]),
      ],
    });
  }
  if (spec.mark === 'mix' && series && y) {
    // rows come in the shape's order (User 1, 2, … 10), which a sorted band scale would turn into 1, 10, 11, … 2
    const bars = [...new Set(rows.map((r) => r[y]))];
    // a long list (every other User) gets thinner bars and the share axis above it too, so no bar is far from a scale
    const long = bars.length > 12;
    const mixTip = (d: Row) => `${String(d[y])} · ${String(d[series])}: ${formatCell(x, d[x] ?? null)}`;
    return plot({
      ...common,
      height: (long ? 88 : 60) + (long ? 18 : 40) * bars.length,
      marginLeft: 90,
      // room for the axis label under the tick labels, not beside the last one
      marginBottom: 44,
      ...(long ? { marginTop: 44 } : {}),
      x: { label: 'Share of the model', tickFormat: '.0%', domain: [0, 1], ...(long ? { axis: 'both' as const } : {}) },
      y: { label: null, domain: bars },
      marks: [barX(rows, stackX({ y, x: x, fill: series, title: mixTip }))],
    });
  }
  if (spec.mark === 'stacked' && y) {
    const data = isDay ? rows.map((r) => ({ ...r, x1: toDay(r[x]), x2: new Date(toDay(r[x]).getTime() + 86_400_000 * 0.9) })) : rows;
    const stackTip = (d: Row) => `${String(d[x])}${series ? ` · ${String(d[series])}` : ''}: ${formatCell(y, d[y] ?? null)}`;
    return plot({
      ...common,
      x: isDay ? toDayAxis(rows, x) : { label: toColumnLabel(x), type: 'band', tickRotate: -30 },
      ...(isDay ? { marginBottom: 32 } : toRotatedMargins(distinctText(rows.map((r) => r[x])).sort())),
      y: withBandRoom(yAxis, Math.max(0, ...stackTops(rows, x, y)), bands),
      marks: [
        ...bandMarks(bands),
        isDay
          ? rectY(data, { x1: 'x1', x2: 'x2', y, fill: series ?? OWN, title: stackTip })
          : barY(data, { x, y, fill: series ?? OWN, title: stackTip }),
        ruleY([0]),
      ],
    });
  }
  if (spec.mark === 'grouped' && ys) {
    const long = fold(rows, x, ys);
    const top = Math.max(0, ...long.map((d) => d.value));
    const labels = distinctText(long.map((d) => d.x)).sort();
    const many = labels.length > 5;
    return plot({
      ...common,
      ...(many ? toRotatedMargins(labels) : { marginBottom: 40 }),
      color: colorFor(ys, long),
      fx: { label: null, tickRotate: many ? -30 : 0 },
      x: { axis: null, domain: ys.map((y) => seriesLabel(y, ys)) },
      y: { ...yAxis, domain: [0, top > 0 ? top * 1.05 : 1] },
      marks: [barY(long, { fx: 'x', x: 'series', y: 'value', fill: 'series', title: (d: Long) => toTip(d, measure) }), ruleY([0])],
    });
  }
  if (!y) return undefined;
  const many = rows.length > 8;
  const you = spec.highlightYou ? rows.findIndex((d) => d.is_you === true) : -1;
  // Tied ranks share a label but each party keeps its own bar: position by row, label by rank. A tie ("=4": joint
  // fourth) is labelled once on the axis, so the mark after it needs no number of its own and the next rank skips.
  const values = rows.map((d) => d[x] ?? null);
  const labels = toRankLabels(values, x === 'rank', you);
  const fill = spec.highlightYou ? (d: Row) => (d.is_you === true ? OWN : OTHER) : OWN;
  const at = new Map(rows.map((d, i) => [d, i]));
  const position = (d: Row) => at.get(d) ?? 0;
  const title = (d: Row) => `${x === 'rank' ? 'Rank ' : ''}${labels[position(d)] ?? ''}: ${formatCell(y, d[y] ?? null)}`;
  const rate = toUnit(y) === 'pct' || toUnit(y) === 'fraction';
  const full = toUnit(y) === 'pct' ? 100 : 1;
  // Rates are dots on a fitted axis (a bar's length from 0 would hide differences of a few points); counts are bars.
  const domain = rate
    ? toFittedDomain(
        rows.flatMap((d) => (typeof d[y] === 'number' ? [d[y]] : [])),
        full,
      )
    : undefined;
  return plot({
    ...common,
    color: spec.highlightYou ? { legend: false } : common.color,
    x: {
      label: x === 'rank' ? 'Rank (1 = best, =N shared)' : toColumnLabel(x),
      tickRotate: many ? -30 : 0,
      type: 'band',
      domain: rows.map((_, i) => i),
      ticks: withoutRepeats(toBandTicks(rows.length, you), labels),
      tickFormat: (i: number) => labels[i] ?? '',
    },
    ...(many ? toRotatedMargins(labels) : { marginBottom: 36 }),
    y: domain
      ? {
          ...yAxis,
          domain,
          label: `${yAxis.label}${toStartNote(domain, full)}`,
          ...toRateAxis(domain, full, toTickCount(HEIGHT, 'y')),
        }
      : yAxis,
    marks: domain
      ? [
          dot(
            rows.filter((d) => d.is_you !== true),
            { x: position, y, fill, r: 4, title },
          ),
          dot(
            rows.filter((d) => d.is_you === true),
            { x: position, y, fill: OWN, r: 6, title },
          ),
        ]
      : [barY(rows, { x: position, y, fill, title }), ruleY([0])],
  });
}

/** Labels of a ranked axis: a rank shared with a neighbour reads "=N"; the reader's own (index `you`) adds "(You)". */
export function toRankLabels(values: readonly unknown[], ranks: boolean, you: number): string[] {
  const tied = (i: number) => ranks && (values[i - 1] === values[i] || values[i + 1] === values[i]);
  return values.map((v, i) => `${tied(i) ? '=' : ''}${String(v)}${i === you ? ' (You)' : ''}`);
}

/** Ticks without one that repeats the label before it (a run of tied ranks is labelled once). */
export const withoutRepeats = (ticks: readonly number[], labels: readonly string[]): number[] =>
  ticks.filter((t, k) => k === 0 || labels[t] !== labels[ticks[k - 1] as number]);

const MAX_BAND_LABELS = 24;

/** Bars to label on a band axis: all when few; else every k-th and the reader's own (`you`, −1 if none) with room around it. */
export function toBandTicks(count: number, you: number): number[] {
  const step = Math.ceil(count / MAX_BAND_LABELS);
  const ticks = Array.from({ length: count }, (_, i) => i).filter((i) => i % step === 0 && (you < 0 || Math.abs(i - you) >= step));
  return you >= 0 ? [...ticks, you].sort((a, b) => a - b) : ticks;
}
