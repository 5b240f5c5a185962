import { rollups, sum } from 'd3-array';
import { estimateQuantile, mergeHistograms } from '../../shared/rttHistogram.ts';
import type { Cell, Row } from '../../site/arrowRows.ts';
import { toColumnLabel } from './format.ts';

export const DIMENSIONS = [
  'region',
  'meter_type',
  'smets',
  'model',
  'firmware',
  'response_code',
  'device_type',
  'item_id',
  'month',
  'day',
] as const;
export const COUNT_MEASURES = ['requests', 'successes', 'failures', 'no_response'] as const;

export interface ExploreQuery {
  from: string;
  to: string;
  filters: Record<string, string>;
  groupBy: string;
}

const histogramColumn = (columns: readonly string[]): string | undefined => columns.find((c) => /^rtt_hist/.test(c));
/** `month` is not a column: it is read off the day. */
export const valueOf = (r: Row, column: string): Cell =>
  column === 'month' && typeof r.day === 'string' ? r.day.slice(0, 7) : (r[column] ?? null);

/** Industry of a group: only when every cell in it is published (a sum over some cells would be neither figure). */
function industryOf(members: readonly Row[]): Row {
  if (!members.every((r) => r.industry_status === 'published')) return { industry_success_rate: null };
  const requests = sum(members, (r) => (typeof r.industry_requests === 'number' ? r.industry_requests : 0));
  const successes = sum(members, (r) => (typeof r.industry_successes === 'number' ? r.industry_successes : 0));
  return { industry_success_rate: requests > 0 ? successes / requests : null };
}

/** A group with no value names what is missing instead of showing `null` (requests without a device have no region). */
export const toMissingLabel = (column: string): string => `${toColumnLabel(column)} not recorded`;

/**
 * Filter rows, then recombine counts per group (rates from summed counts, quantiles from merged histograms, never
 * averaged); the industry rate of a group where every cell's industry figure is published.
 */
export function runExplore(rows: readonly Row[], columns: readonly string[], query: ExploreQuery): { columns: string[]; rows: Row[] } {
  const kept = rows.filter((r) => {
    const day = typeof r.day === 'string' ? r.day : undefined;
    if (day !== undefined && (day < query.from || day > query.to)) return false;
    return Object.entries(query.filters).every(([column, value]) => value === '' || String(valueOf(r, column)) === value);
  });
  const counts = COUNT_MEASURES.filter((m) => columns.includes(m));
  const hist = histogramColumn(columns);
  const industry = columns.includes('industry_requests') && columns.includes('industry_successes');
  const groupBy = columns.includes(query.groupBy) || (query.groupBy === 'month' && columns.includes('day')) ? query.groupBy : undefined;
  const groups = rollups(
    kept,
    (members): Row => {
      const out: Row = {};
      for (const m of counts) out[m] = sum(members, (r) => (typeof r[m] === 'number' ? r[m] : 0));
      const requests = out.requests;
      if (typeof requests === 'number' && typeof out.successes === 'number')
        out.success_rate = requests > 0 ? out.successes / requests : null;
      if (industry) Object.assign(out, industryOf(members));
      if (hist) {
        const merged = mergeHistograms(members.map((r) => (Array.isArray(r[hist]) ? (r[hist] as number[]) : [])));
        out.rtt_median_approx_s = estimateQuantile(merged, 0.5);
        out.rtt_p90_approx_s = estimateQuantile(merged, 0.9);
      }
      return out;
    },
    (r): Cell => (groupBy ? (valueOf(r, groupBy) ?? toMissingLabel(groupBy)) : 'all'),
  );
  const key = groupBy ?? 'group';
  const resultRows = groups
    .map(([value, measures]) => ({ [key]: value, ...measures }) as Row)
    .sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  const resultColumns = [
    key,
    ...counts,
    ...(counts.includes('requests') && counts.includes('successes')
      ? ['success_rate', ...(industry ? ['industry_success_rate'] : [])]
      : []),
    ...(hist ? ['rtt_median_approx_s', 'rtt_p90_approx_s'] : []),
  ];
  return { columns: resultColumns, rows: resultRows };
}
