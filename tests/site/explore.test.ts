import { Field, Int32, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromRows, listValues, parseFilterParam, runExplore, toFilterParam } from '../../src/islands/party/explore.ts';
import { toColumnSource } from '../../src/site/arrowColumns.ts';
import type { Row } from '../../src/site/arrowRows.ts';
import { estimateQuantile } from '../../src/shared/rttHistogram.ts';

// Cells of two months of item_daily, as Explore concatenates them; counts chosen to add up by hand.
const cell = (day: string, region: string, requests: number, successes: number, industry: [number, number] | null) => ({
  day,
  region,
  requests,
  successes,
  industry_status: industry ? 'published' : 'suppressed',
  industry_requests: industry?.[0] ?? null,
  industry_successes: industry?.[1] ?? null,
});
const rows = [
  cell('2025-09-30', 'North', 10, 8, [100, 90]),
  cell('2025-10-01', 'North', 30, 21, [300, 240]),
  cell('2025-10-02', 'South', 20, 20, null),
  cell('2025-10-31', 'South', 5, 4, [50, 40]),
];
const columns = ['day', 'region', 'requests', 'successes', 'industry_status', 'industry_requests', 'industry_successes'];
const query = { from: '2025-09-01', to: '2025-10-31', filters: {}, groupBy: 'region' };
// Each month is a table of its own, as Explore loads them.
const months = [fromRows(rows.slice(0, 1), columns), fromRows(rows.slice(1), columns)];

describe('Explore across months', () => {
  it('sums the cells of both months, with industry only where every cell of a group is published', () => {
    expect(runExplore(months, query).rows).toEqual([
      { region: 'North', requests: 40, successes: 29, success_rate: 29 / 40, industry_success_rate: 330 / 400 },
      { region: 'South', requests: 25, successes: 24, success_rate: 24 / 25, industry_success_rate: null },
    ]);
  });

  it('groups and filters by month, read off the day, and keeps to the range', () => {
    expect(runExplore(months, { ...query, groupBy: 'month' }).rows.map((r) => [r.month, r.requests])).toEqual([
      ['2025-09', 10],
      ['2025-10', 55],
    ]);
    const october = runExplore(months, { ...query, filters: { month: '2025-10' }, groupBy: '' });
    expect(october.rows.map((r) => r.requests)).toEqual([55]);
    const firstDays = runExplore(months, { ...query, from: '2025-09-30', to: '2025-10-01', groupBy: '' });
    expect(firstDays.rows.map((r) => [r.requests, r.industry_success_rate])).toEqual([[40, 330 / 400]]);
  });
});

describe('Explore over Arrow tables', () => {
  // Daily cells of two roles with RTT histograms (4 buckets are enough to add by hand), one null region, one null histogram.
  const daily = [
    { role: 'IS', day: '2025-10-01', region: 'North', requests: 4, successes: 3, rtt_hist: [1, 2, 0, 0] },
    { role: 'IS', day: '2025-10-01', region: null, requests: 2, successes: 2, rtt_hist: [0, 0, 2, 0] },
    { role: 'IS', day: '2025-10-02', region: 'North', requests: 6, successes: 6, rtt_hist: null },
    { role: 'ED', day: '2025-10-02', region: 'North', requests: 100, successes: 1, rtt_hist: [50, 50, 0, 0] },
    { role: 'IS', day: '2025-10-03', region: 'North', requests: 3, successes: 1, rtt_hist: [0, 1, 1, 1] },
  ];
  const names = Object.keys(daily[0] as Row);
  const toTable = (part: Row[]): Table => {
    const column = <T>(name: string) => part.map((r) => r[name] as T);
    return new Table({
      role: vectorFromArray(column<string>('role'), new Utf8()),
      day: vectorFromArray(column<string>('day'), new Utf8()),
      region: vectorFromArray(column<string | null>('region'), new Utf8()),
      requests: vectorFromArray(column<number>('requests'), new Int32()),
      successes: vectorFromArray(column<number>('successes'), new Int32()),
      rtt_hist: vectorFromArray(column<number[] | null>('rtt_hist'), new List(new Field('item', new Int32(), false))),
    });
  };
  // Two record batches, as a dataset read from its parts is.
  const table = toTable(daily.slice(0, 2)).concat(toTable(daily.slice(2)));
  const ask = { from: '2025-10-01', to: '2025-10-31', filters: { role: 'IS' }, groupBy: 'region' };

  it('sums counts and histograms per group straight from the columns, as the same rows would', () => {
    const result = runExplore([toColumnSource(table)], ask);
    expect(result.rows.map((r) => [r.region, r.requests, r.successes])).toEqual([
      ['North', 13, 10],
      ['Region not recorded', 2, 2],
    ]);
    const north = result.rows[0] as Row;
    // North's histogram is [1,2,0,0] + [0,1,1,1] (the null one adds nothing): median rank 2.5 of 6 falls in bucket 1.
    expect(north.rtt_median_approx_s).toBe(estimateQuantile([1, 3, 1, 1], 0.5));
    expect(result).toEqual(runExplore([fromRows(daily, names)], ask));
  });

  it('lists the values of a column among the rows the filters keep', () => {
    expect(listValues([toColumnSource(table)], 'region', { role: 'IS' })).toEqual(['North', 'null']);
    expect(listValues([toColumnSource(table)], 'day', { role: 'ED' })).toEqual(['2025-10-02']);
  });
});

describe('the filter value in the address', () => {
  it('names the missing category in words and reads it back, other values as they are', () => {
    expect(toFilterParam('null')).toBe('not-recorded');
    expect(parseFilterParam(toFilterParam('null'))).toBe('null');
    expect(toFilterParam('North')).toBe('North');
    expect(parseFilterParam('North')).toBe('North');
    expect(parseFilterParam('')).toBe('');
  });
});
