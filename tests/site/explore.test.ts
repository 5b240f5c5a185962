import { describe, expect, it } from 'vitest';
import { runExplore } from '../../src/islands/party/explore.ts';

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

describe('Explore across months', () => {
  it('sums the cells of both months, with industry only where every cell of a group is published', () => {
    expect(runExplore(rows, columns, query).rows).toEqual([
      { region: 'North', requests: 40, successes: 29, success_rate: 29 / 40, industry_success_rate: 330 / 400 },
      { region: 'South', requests: 25, successes: 24, success_rate: 24 / 25, industry_success_rate: null },
    ]);
  });

  it('groups and filters by month, read off the day, and keeps to the range', () => {
    expect(runExplore(rows, columns, { ...query, groupBy: 'month' }).rows.map((r) => [r.month, r.requests])).toEqual([
      ['2025-09', 10],
      ['2025-10', 55],
    ]);
    const october = runExplore(rows, columns, { ...query, filters: { month: '2025-10' }, groupBy: '' });
    expect(october.rows.map((r) => r.requests)).toEqual([55]);
    const firstDays = runExplore(rows, columns, { ...query, from: '2025-09-30', to: '2025-10-01', groupBy: '' });
    expect(firstDays.rows.map((r) => [r.requests, r.industry_success_rate])).toEqual([[40, 330 / 400]]);
  });
});
