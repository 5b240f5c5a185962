import { ascending } from 'd3-array';
import { toLastDay } from '../../shared/month.ts';
import type { ReportRole } from '../../shared/roles.ts';
import type { Row } from '../../site/arrowRows.ts';
import type { Band } from './plots.ts';
import type { ChartSpec } from './views.ts';

/**
 * Rows of one chart: the role's rows matching the spec's filters (docs/data-contract.md status columns).
 * Suppressed industry figures are null in the data; the chart says so. Rows that are wholly suppressed are dropped.
 */
export function selectRows(
  rows: readonly Row[],
  columns: readonly string[],
  spec: Pick<ChartSpec, 'where' | 'emptyMeans' | 'itemIds' | 'keepSuppressed'>,
  role: ReportRole,
) {
  const where: Record<string, unknown> = { ...(columns.includes('role') ? { role } : {}), ...spec.where };
  const ids = spec.itemIds && columns.includes('item_id') ? new Set<unknown>(spec.itemIds) : undefined;
  const matching = rows.filter(
    (r) => Object.entries(where).every(([c, v]) => !columns.includes(c) || r[c] === v) && (!ids || ids.has(r.item_id)),
  );
  const shown = spec.keepSuppressed ? matching : matching.filter((r) => r.status !== 'suppressed');
  const suppressed =
    matching.some((r) => r.industry_status === 'suppressed' || r.status === 'suppressed') ||
    (spec.emptyMeans === 'suppressed' && matching.length === 0);
  const noActivity = shown.length === 0 || (columns.includes('status') && shown.every((r) => r.status === 'no_activity'));
  return { rows: shown, suppressed, noActivity };
}

/** A title naming industry names it only while an industry figure is drawn: withheld everywhere, the chart is yours alone. */
export function toShownTitle(spec: Pick<ChartSpec, 'title' | 'ys'>, rows: readonly Row[]): string {
  const industry = spec.ys?.filter((y) => y.startsWith('industry_')) ?? [];
  if (industry.length === 0 || rows.some((r) => industry.some((y) => typeof r[y] === 'number'))) return spec.title;
  return spec.title.replace(/, you and industry$/, ', you');
}

/** A picker's distinct values: those `order` names first, in its order, then the rest alphabetically. */
export function toPickOrder(values: readonly string[], order: readonly string[] = []): string[] {
  const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b) || ascending(a, b));
}

let londonDay: Intl.DateTimeFormat | undefined;

/** Category 1–2 incidents as day bands clipped to the month. */
export function toIncidentBands(incidents: readonly Row[], month: string): Band[] {
  // Made on first use: a time-zone formatter is costly to create and the first page needs none.
  const day = (londonDay ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }));
  const first = `${month}-01`;
  const last = toLastDay(month);
  return incidents.map((r) => {
    const from = day.format(new Date(String(r.opened_at)));
    const to = r.resolved_at ? day.format(new Date(String(r.resolved_at))) : last;
    return { from: from < first ? first : from, to: to > last ? last : to, label: `Cat ${String(r.category)}` };
  });
}
