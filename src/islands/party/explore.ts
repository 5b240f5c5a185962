import { rollups, sum } from 'd3-array';
import { estimateQuantile, mergeHistograms } from '../../shared/rttHistogram.ts';
import type { Cell, Row } from '../../site/arrowRows.ts';
import { toColumnLabel } from './format.ts';

export const DIMENSIONS = ['region', 'meter_type', 'smets', 'model', 'firmware', 'response_code', 'device_type', 'item_id', 'day'] as const;
export const COUNT_MEASURES = ['requests', 'successes', 'failures', 'no_response'] as const;

export interface ExploreQuery {
  from: string;
  to: string;
  filters: Record<string, string>;
  groupBy: string;
}

const histogramColumn = (columns: readonly string[]): string | undefined => columns.find((c) => /hist/.test(c));

/** A group with no value names what is missing instead of showing `null` (requests without a device have no region). */
export const toMissingLabel = (column: string): string => `${toColumnLabel(column)} not recorded`;

/** Filter rows, then recombine counts per group (rates from summed counts, quantiles from merged histograms, never averaged). */
export function runExplore(rows: readonly Row[], columns: readonly string[], query: ExploreQuery): { columns: string[]; rows: Row[] } {
  const kept = rows.filter((r) => {
    const day = typeof r.day === 'string' ? r.day : undefined;
    if (day !== undefined && (day < query.from || day > query.to)) return false;
    return Object.entries(query.filters).every(([column, value]) => value === '' || String(r[column]) === value);
  });
  const counts = COUNT_MEASURES.filter((m) => columns.includes(m));
  const hist = histogramColumn(columns);
  const groupBy = columns.includes(query.groupBy) ? query.groupBy : undefined;
  const groups = rollups(
    kept,
    (members): Row => {
      const out: Row = {};
      for (const m of counts) out[m] = sum(members, (r) => (typeof r[m] === 'number' ? r[m] : 0));
      const requests = out.requests;
      if (typeof requests === 'number' && typeof out.successes === 'number')
        out.success_rate = requests > 0 ? out.successes / requests : null;
      if (hist) {
        const merged = mergeHistograms(members.map((r) => (Array.isArray(r[hist]) ? (r[hist] as number[]) : [])));
        out.rtt_median_approx_s = estimateQuantile(merged, 0.5);
        out.rtt_p90_approx_s = estimateQuantile(merged, 0.9);
      }
      return out;
    },
    (r): Cell => (groupBy ? (r[groupBy] ?? toMissingLabel(groupBy)) : 'all'),
  );
  const key = groupBy ?? 'group';
  const resultRows = groups
    .map(([value, measures]) => ({ [key]: value, ...measures }) as Row)
    .sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  const resultColumns = [
    key,
    ...counts,
    ...(counts.includes('requests') && counts.includes('successes') ? ['success_rate'] : []),
    ...(hist ? ['rtt_median_approx_s', 'rtt_p90_approx_s'] : []),
  ];
  return { columns: resultColumns, rows: resultRows };
}
