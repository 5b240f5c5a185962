import { estimateQuantile, RTT_BUCKET_COUNT } from '../../shared/rttHistogram.ts';
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
  /** Column → value ('' for any); `month` is read off the day. */
  filters: Record<string, string>;
  groupBy: string;
}

/**
 * One table of a month, read a column at a time: Explore sums tens of thousands of daily cells per query, and
 * making an object (and a histogram array) per cell cost more than the sums.
 */
export interface ColumnSource {
  numRows: number;
  columns: readonly string[];
  /** Every cell of one column, in row order (the same array each call). */
  cells(column: string): readonly Cell[];
  /** Add the list in `column` of each of `rows` into `into`, element by element. */
  addLists(column: string, rows: readonly number[], into: number[]): void;
}

/** Plain rows as a column source (tests, and tables already read as rows). */
export function fromRows(rows: readonly Row[], columns: readonly string[]): ColumnSource {
  const cache = new Map<string, Cell[]>();
  const cells = (column: string): Cell[] => {
    let found = cache.get(column);
    if (!found) cache.set(column, (found = rows.map((r) => r[column] ?? null)));
    return found;
  };
  return {
    numRows: rows.length,
    columns,
    cells,
    addLists(column, picked, into) {
      const lists = cells(column);
      for (const r of picked) {
        const list = lists[r];
        if (Array.isArray(list)) for (let i = 0; i < into.length; i += 1) into[i]! += (list[i] as number | undefined) ?? 0;
      }
    },
  };
}

const histogramColumn = (columns: readonly string[]): string | undefined => columns.find((c) => /^rtt_hist/.test(c));
const hasColumn = (source: ColumnSource, column: string): boolean =>
  source.columns.includes(column) || (column === 'month' && source.columns.includes('day'));
const monthCells = new WeakMap<ColumnSource, readonly Cell[]>();
/** `month` is not a column: it is read off the day, once per source (filters, grouping and value lists all ask). */
function readColumn(source: ColumnSource, column: string): readonly Cell[] {
  if (column !== 'month') return source.cells(column);
  let months = monthCells.get(source);
  if (!months) monthCells.set(source, (months = source.cells('day').map((d) => (typeof d === 'string' ? d.slice(0, 7) : null))));
  return months;
}

/** A group with no value names what is missing instead of showing `null` (requests without a device have no region). */
export const toMissingLabel = (column: string): string => `${toColumnLabel(column)} not recorded`;

/** A null cell as a filter value: values are compared as strings. */
export const MISSING_VALUE = String(null);

/** A filter value as the address carries it: the missing category is `not-recorded`. */
export const toFilterParam = (value: string): string => (value === MISSING_VALUE ? 'not-recorded' : value);
export const parseFilterParam = (param: string): string => (param === 'not-recorded' ? MISSING_VALUE : param);

/** Row numbers of `source` within the date range whose cells equal every filter value. */
function pickRows(source: ColumnSource, query: Pick<ExploreQuery, 'from' | 'to' | 'filters'>): number[] {
  const days = source.columns.includes('day') ? source.cells('day') : undefined;
  const tests = Object.entries(query.filters)
    .filter(([column, value]) => value !== '' && hasColumn(source, column))
    .map(([column, value]) => ({ cells: readColumn(source, column), value }));
  const picked: number[] = [];
  for (let r = 0; r < source.numRows; r += 1) {
    const day = days?.[r];
    if (typeof day === 'string' && (day < query.from || day > query.to)) continue;
    if (tests.every((t) => String(t.cells[r]) === t.value)) picked.push(r);
  }
  return picked;
}

/** Read (and cache) the columns a query grouped by `groupBy` reads, so that the first query finds them read. */
export function readAhead(source: ColumnSource, groupBy: string): ColumnSource {
  const wanted = ['role', 'item_id', 'day', groupBy, ...COUNT_MEASURES, 'industry_status', 'industry_requests', 'industry_successes'];
  for (const column of wanted) if (source.columns.includes(column)) source.cells(column);
  const hist = histogramColumn(source.columns);
  if (hist) source.addLists(hist, [], []);
  return source;
}

/** The distinct values of one column among the rows the filters keep, as text, sorted. */
export function listValues(sources: readonly ColumnSource[], column: string, filters: Record<string, string>): string[] {
  const values = new Set<string>();
  for (const source of sources) {
    if (!hasColumn(source, column)) continue;
    const cells = readColumn(source, column);
    for (const r of pickRows(source, { from: '', to: '\uffff', filters })) values.add(String(cells[r]));
  }
  return [...values].sort();
}

interface Group {
  counts: Record<string, number>;
  published: boolean;
  industryRequests: number;
  industrySuccesses: number;
  histogram: number[];
}

const newGroup = (): Group => ({
  counts: {},
  published: true,
  industryRequests: 0,
  industrySuccesses: 0,
  histogram: new Array<number>(RTT_BUCKET_COUNT).fill(0),
});
const asNumber = (cell: Cell | undefined): number => (typeof cell === 'number' ? cell : 0);

/** Add one source's picked rows into their groups. */
function addSource(source: ColumnSource, query: ExploreQuery, groupBy: string | undefined, groups: Map<Cell, Group>): void {
  const picked = pickRows(source, query);
  const keys = groupBy && hasColumn(source, groupBy) ? readColumn(source, groupBy) : undefined;
  const members = new Map<Group, number[]>();
  for (const r of picked) {
    const key = groupBy ? (keys?.[r] ?? toMissingLabel(groupBy)) : 'all';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = newGroup()));
    const rows = members.get(group);
    if (rows) rows.push(r);
    else members.set(group, [r]);
  }
  const counts = COUNT_MEASURES.filter((m) => source.columns.includes(m)).map((m) => [m, source.cells(m)] as const);
  const industry = source.columns.includes('industry_requests') && source.columns.includes('industry_successes');
  const status = industry ? source.cells('industry_status') : undefined;
  const industryRequests = industry ? source.cells('industry_requests') : undefined;
  const industrySuccesses = industry ? source.cells('industry_successes') : undefined;
  const hist = histogramColumn(source.columns);
  for (const [group, rows] of members) {
    for (const [m, cells] of counts) {
      let total = group.counts[m] ?? 0;
      for (const r of rows) total += asNumber(cells[r]);
      group.counts[m] = total;
    }
    for (const r of rows) {
      // Industry of a group: only when every cell in it is published (a sum over some cells would be neither figure).
      if (status?.[r] !== 'published') group.published = false;
      group.industryRequests += asNumber(industryRequests?.[r]);
      group.industrySuccesses += asNumber(industrySuccesses?.[r]);
    }
    if (hist) source.addLists(hist, rows, group.histogram);
  }
}

/**
 * Filter rows, then recombine counts per group (rates from summed counts, quantiles from merged histograms, never
 * averaged); the industry rate of a group where every cell's industry figure is published.
 */
export function runExplore(sources: readonly ColumnSource[], query: ExploreQuery): { columns: string[]; rows: Row[] } {
  const columns = sources[0]?.columns ?? [];
  const counts = COUNT_MEASURES.filter((m) => columns.includes(m));
  const hist = histogramColumn(columns);
  const industry = columns.includes('industry_requests') && columns.includes('industry_successes');
  const groupBy = sources[0] && hasColumn(sources[0], query.groupBy) ? query.groupBy : undefined;
  const groups = new Map<Cell, Group>();
  for (const source of sources) addSource(source, query, groupBy, groups);
  const key = groupBy ?? 'group';
  const rateColumns = counts.includes('requests') && counts.includes('successes');
  const rows = [...groups].map(([value, group]): Row => {
    const out: Row = { [key]: value };
    for (const m of counts) out[m] = group.counts[m] ?? 0;
    if (rateColumns) out.success_rate = asNumber(out.requests) > 0 ? asNumber(out.successes) / asNumber(out.requests) : null;
    if (rateColumns && industry)
      out.industry_success_rate = group.published && group.industryRequests > 0 ? group.industrySuccesses / group.industryRequests : null;
    if (hist) {
      out.rtt_median_approx_s = estimateQuantile(group.histogram, 0.5);
      out.rtt_p90_approx_s = estimateQuantile(group.histogram, 0.9);
    }
    return out;
  });
  rows.sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  const resultColumns = [
    key,
    ...counts,
    ...(rateColumns ? ['success_rate', ...(industry ? ['industry_success_rate'] : [])] : []),
    ...(hist ? ['rtt_median_approx_s', 'rtt_p90_approx_s'] : []),
  ];
  return { columns: resultColumns, rows };
}
