// Loaded with the first chart drawn (plotLoad.ts): the overview draws only the you-and-industry dots; the other marks
// (plotMarks.ts) load with the first chart that needs them.
import { dot, plot, ruleY } from '@observablehq/plot';
import type { Row } from '../../site/arrowRows.ts';
import { toAxisLabel, toCountTicks, toFittedDomain, toRateAxis, toStartNote, toTickCount, toUnit } from './axes.ts';
import { formatCell, toColumnLabel } from './format.ts';
import type { ChartSpec } from './views.ts';

export const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
export const OWN = '#0072b2';
export const OTHER = '#9aa5b1';
/** Height of a report chart; Plot's default tick count on a y axis follows it. */
export const HEIGHT = 280;

export interface Band {
  from: string;
  to: string;
  label: string;
}

/** Legend name of a measure column: a column with an `industry_` twin is "You". */
export const seriesLabel = (column: string, ys: readonly string[] = []): string =>
  column.startsWith('industry_')
    ? 'Industry'
    : column === 'you_s' || column === 'you' || ys.includes(`industry_${column}`)
      ? 'You'
      : toColumnLabel(column).replace(/ \(s\)$/, '');
/** Each measure keeps its colour; the legend names only the series drawn, and only when there are two or more. */
export const colorFor = (ys: readonly string[], drawn: readonly Long[]) => {
  const labels = ys.map((y) => seriesLabel(y, ys));
  const domain = labels.filter((l) => drawn.some((d) => d.series === l));
  return { legend: domain.length > 1, domain, range: domain.map((l) => palette[labels.indexOf(l) % palette.length] as string) };
};
export const toDay = (v: unknown): Date => new Date(`${String(v).length === 7 ? `${String(v)}-01` : String(v)}T00:00:00Z`);

export const distinctText = (values: readonly unknown[]): string[] => [...new Set(values.map(String))];

export type Long = { x: unknown; series: string; value: number };
/** Hover text of a mark: its group, series and exact value as the data table writes it. */
export const toTip = (d: Long, measure: string): string =>
  `${d.x instanceof Date ? d.x.toISOString().slice(0, 10) : String(d.x)} · ${d.series}: ${formatCell(measure, d.value)}`;

/** Fold measure columns into long rows `{x, series, value}` (nulls dropped: suppressed figures are absent, not zero). */
export function fold(rows: readonly Row[], x: string, ys: readonly string[]): Long[] {
  return rows.flatMap((r) =>
    ys.flatMap((y) => (typeof r[y] === 'number' ? [{ x: r[x], series: seriesLabel(y, ys), value: r[y] as number }] : [])),
  );
}

export type PlotOptions = { y?: string; series?: string; bands?: readonly Band[] };
export type PlotBuilder = (spec: ChartSpec, rows: readonly Row[], width: number, opts: PlotOptions) => Element | undefined;

/** What every mark of a chart shares: its measures, the measure's axis and the frame. */
export function toPlotFrame(spec: ChartSpec, rows: readonly Row[], width: number, opts: PlotOptions) {
  const y = opts.y ?? spec.y;
  const measure = spec.ys?.[0] ?? y ?? '';
  const fraction = toUnit(measure) === 'fraction';
  const yAxis = {
    label: spec.yLabel ?? toAxisLabel(measure),
    grid: true,
    // small shares (a 0–2 % axis) need decimals, or every tick reads "1%"
    ...(fraction ? toRateAxis([0, rows.reduce((m, r) => Math.max(m, Number(r[measure] ?? 0)), 0.01)], 1, toTickCount(HEIGHT, 'y')) : {}),
    ...(toUnit(measure) === 'count'
      ? { ticks: toCountTicks(toTickCount(HEIGHT, 'y')), tickFormat: (v: number) => formatCell(measure, v) }
      : {}),
  };
  const common = { width, height: HEIGHT, marginLeft: 60, style: { fontSize: '12px' }, color: { legend: true, range: palette } };
  return { y, measure, yAxis, common };
}

/** The overview's chart of rates per group, you and industry. */
export function buildDotsPlot(spec: ChartSpec, rows: readonly Row[], width: number, opts: PlotOptions): Element | undefined {
  const { x, ys } = spec;
  if (!x || !ys?.[0]) return undefined;
  const { measure, yAxis, common } = toPlotFrame(spec, rows, width, opts);
  // You and industry as two dots per row joined by a rule, on an axis fitted to the data: differences of a few
  // points show. Rows furthest below industry come first; months and days keep their time order. Without an
  // industry series (none published), your dots alone.
  const [own, other = own] = ys as [string, string?];
  const gap = (r: Row) =>
    other !== own && typeof r[own] === 'number' && typeof r[other] === 'number' ? (r[own] as number) - (r[other] as number) : Infinity;
  const sorted = x === 'month' || x === 'day' ? [...rows] : [...rows].sort((a, b) => gap(a) - gap(b));
  const long = fold(sorted, x, ys);
  const ownLabel = seriesLabel(own, ys);
  const domain = toFittedDomain(
    long.map((d) => d.value),
    1,
  );
  // a group with neither figure (no requests, industry withheld) gets no empty line; the data table still lists it
  const labels = distinctText(long.map((d) => d.x));
  const color = colorFor(ys, long);
  const chart = plot({
    ...common,
    height: 60 + 22 * labels.length,
    marginLeft: Math.min(360, 16 + 6.8 * Math.max(...labels.map((l) => l.length))),
    marginBottom: 44,
    color: { ...color, legend: false },
    x: {
      ...yAxis,
      domain,
      ...toRateAxis(domain, 1, toTickCount(width, 'x')),
      label: `${yAxis.label} →${toStartNote(domain, 1)}`,
    },
    y: { domain: labels, label: null },
    marks: [
      ruleY(
        sorted.filter((r) => gap(r) !== Infinity),
        { y: x, x1: own, x2: other, stroke: OTHER },
      ),
      // industry as a ring under your dot: where the two rates are equal, both still show
      dot(
        long.filter((d) => d.series !== ownLabel),
        { x: 'value', y: 'x', stroke: 'series', strokeWidth: 2, fill: 'white', r: 6.5, title: (d: Long) => toTip(d, measure) },
      ),
      dot(
        long.filter((d) => d.series === ownLabel),
        { x: 'value', y: 'x', fill: 'series', r: 4.5, title: (d: Long) => toTip(d, measure) },
      ),
    ],
  });
  if (!color.legend) return chart;
  const figure = document.createElement('figure');
  figure.append(
    buildDotsLegend(color.domain.map((label, i) => ({ label, color: color.range[i] ?? OWN, ring: label !== ownLabel }))),
    chart,
  );
  return figure;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Plot's legend swatches are squares; this one draws each series as the dot chart does: your dot, industry's ring. */
function buildDotsLegend(entries: readonly { label: string; color: string; ring: boolean }[]): HTMLElement {
  const legend = document.createElement('div');
  legend.className = 'dots-legend';
  for (const { label, color, ring } of entries) {
    const symbol = document.createElementNS(SVG_NS, 'svg');
    const circle = document.createElementNS(SVG_NS, 'circle');
    for (const [name, value] of Object.entries({ width: '16', height: '16', viewBox: '0 0 16 16', 'aria-hidden': 'true' }))
      symbol.setAttribute(name, value);
    const paint = ring ? { r: '6', fill: 'white', stroke: color, 'stroke-width': '2' } : { r: '4.5', fill: color };
    for (const [name, value] of Object.entries({ cx: '8', cy: '8', ...paint })) circle.setAttribute(name, value);
    symbol.append(circle);
    const item = document.createElement('span');
    item.append(symbol, label);
    legend.append(item);
  }
  return legend;
}
