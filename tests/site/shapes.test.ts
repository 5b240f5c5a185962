import { describe, expect, it } from 'vitest';
import { SHAPES } from '../../src/islands/party/shapes.ts';
import { VIEW_SHAPES } from '../../src/islands/party/viewShapes.ts';
import { PRINT_SHAPES } from '../../src/islands/party/printShapes.ts';
import { toIncidentBands } from '../../src/islands/party/chartRows.ts';

describe('chart shapes', () => {
  it('pools process headlines from counts, industry only over published items', () => {
    const rows = [
      {
        business_process: 'A',
        requests: 10,
        successes: 9,
        failures: 1,
        industry_status: 'published',
        industry_requests: 100,
        industry_successes: 80,
      },
      {
        business_process: 'A',
        requests: 30,
        successes: 15,
        failures: 15,
        industry_status: 'suppressed',
        industry_requests: null,
        industry_successes: null,
      },
    ];
    expect(SHAPES.processHeadlines(rows, {})).toEqual([
      { business_process: 'A', requests: 40, failures: 16, success_rate: 24 / 40, industry_success_rate: 0.8, items_compared: '1 of 2' },
    ]);
  });
  it('lists own league positions, a league not published after the published ones and without a rank', () => {
    const rows = [
      { business_process: 'B', status: 'suppressed', rank: null, success_rate_pct: null, is_you: null },
      { business_process: 'A', status: 'published', rank: 2, success_rate_pct: 90, is_you: false },
      { business_process: 'A', status: 'published', rank: 1, success_rate_pct: 95, is_you: true },
    ];
    expect(SHAPES.leaguePositions(rows, {})).toEqual([
      { business_process: 'A', status: 'published', rank: 1, ranked_parties: 2, success_rate_pct: 95 },
      { business_process: 'B', status: 'not published', rank: null, ranked_parties: null, success_rate_pct: null },
    ]);
  });
  it('ranks root-cause slices by excess failures and leaves out a slice with neither failures nor a comparison', () => {
    const rows = [
      { slice: 'quiet', failures: 0, excess_failures: null },
      { slice: 'better', failures: 0, excess_failures: -1.5 },
      { slice: 'unrated', failures: 3, excess_failures: null },
      { slice: 'worst', failures: 9, excess_failures: 4 },
    ];
    expect(VIEW_SHAPES.excessFirst(rows, {}).map((r) => r.slice)).toEqual(['worst', 'better', 'unrated']);
  });
  it('splits daily cells by the chosen dimension and drops industry-only cells', () => {
    const rows = [
      { day: '2025-10-01', region: 'North', smets: 'SMETS2', requests: 4, failures: 1 },
      { day: '2025-10-01', region: 'South', smets: 'SMETS2', requests: 6, failures: 0 },
      { day: '2025-10-01', region: 'South', smets: 'SMETS1', requests: 0, failures: 0 },
    ];
    expect(VIEW_SHAPES.dailySplit(rows, { split: 'smets' })).toEqual([
      { day: '2025-10-01', smets: 'SMETS2', requests: 10, failures: 1, success_rate: 0.9 },
    ]);
  });
  it('gives a model firmware mix for you, industry and the other Users pooled', () => {
    const rows = [
      { firmware: 'F1', devices: 3, industry_status: 'published', industry_devices: 10 },
      { firmware: 'F2', devices: 1, industry_status: 'published', industry_devices: 10 },
    ];
    const mix = VIEW_SHAPES.firmwareMix(rows, {});
    expect(mix.filter((r) => r.who === 'Other Users').map((r) => [r.firmware, r.devices, r.share])).toEqual([
      ['F1', 7, 7 / 16],
      ['F2', 9, 9 / 16],
    ]);
    expect(VIEW_SHAPES.firmwareMix([{ ...rows[0], industry_status: 'suppressed', industry_devices: null }], {}).map((r) => r.who)).toEqual([
      'You',
    ]);
  });
  it('puts the most failed signifier rows first and keeps the order of ties', () => {
    // failures include the requests without response: those are not counted twice
    const rows = [
      { day: '2025-10-01', failures: 1, no_response: 0 },
      { day: '2025-10-02', failures: 2, no_response: 2 },
      { day: '2025-10-03', failures: 3, no_response: 0 },
      { day: '2025-10-04', failures: 1, no_response: 1 },
    ];
    expect(VIEW_SHAPES.mostFailedFirst(rows, {}).map((r) => r.day)).toEqual(['2025-10-03', '2025-10-02', '2025-10-01', '2025-10-04']);
    expect(rows[0]?.day).toBe('2025-10-01');
  });

  it('clips incident bands to the month in London days', () => {
    const bands = toIncidentBands([{ opened_at: '2025-09-30T23:30:00Z', resolved_at: null, category: 1 }], '2025-10');
    expect(bands).toEqual([{ from: '2025-10-01', to: '2025-10-31', label: 'Cat 1' }]);
  });

  it('ends an unresolved incident on the last day of a 30-day month and of February', () => {
    const open = (month: string) => toIncidentBands([{ opened_at: `${month}-10T12:00:00Z`, resolved_at: null, category: 2 }], month);
    expect(open('2025-11')).toEqual([{ from: '2025-11-10', to: '2025-11-30', label: 'Cat 2' }]);
    expect(open('2025-02')).toEqual([{ from: '2025-02-10', to: '2025-02-28', label: 'Cat 2' }]);
    expect(open('2024-02')[0]?.to).toBe('2024-02-29');
    // resolved after the month: clipped to its last day too
    const late = toIncidentBands([{ opened_at: '2025-11-29T12:00:00Z', resolved_at: '2025-12-03T09:00:00Z', category: 1 }], '2025-11');
    expect(late[0]?.to).toBe('2025-11-30');
  });
});

describe('one report item’s month', () => {
  it('lists counts as counts and the success rate as a percentage with one decimal', () => {
    const row = {
      requests: 8,
      successes: 7,
      failures: 1,
      no_response: 0,
      success_rate: 0.875,
      industry_requests: 3,
      industry_successes: 2,
    };
    const rows = VIEW_SHAPES.monthlyFigures([{ ...row, industry_success_rate: 2 / 3, rtt_n: 0 }], {});
    expect(rows.find((r) => r.measure === 'success rate (%)')).toEqual({ measure: 'success rate (%)', you: 87.5, industry: 66.7 });
    expect(rows.find((r) => r.measure === 'requests')).toEqual({ measure: 'requests', you: 8, industry: 3 });
  });
  it('lists incidents in the order they were opened, whatever their ids', () => {
    const rows = [
      { incident_id: 'INC1', opened_at: '2025-10-30T12:29:00.000Z' },
      { incident_id: 'INC3', opened_at: '2025-10-01T11:33:00.000Z' },
      { incident_id: 'INC2', opened_at: '2025-10-01T11:33:00.000Z' },
    ];
    expect(SHAPES.byOpening(rows, {}).map((r) => r.incident_id)).toEqual(['INC2', 'INC3', 'INC1']);
  });
});

describe('top root causes for print', () => {
  it('lists requests without a device record once, not once per device dimension', () => {
    const missing = { item_id: 'MR-8.2', srv: '8.2', requests: 448, failures: 14, excess_failures: 0.11 };
    const rows = [
      { ...missing, dimension: 'firmware', slice: 'Firmware not recorded' },
      { ...missing, dimension: 'meter_type', slice: 'Meter type not recorded' },
      { item_id: 'MR-8.2', srv: '8.2', dimension: 'model', slice: 'MX-350', requests: 900, failures: 60, excess_failures: 5 },
      { ...missing, dimension: 'model', slice: 'Model not recorded' },
      // a different set of requests that also lack a value: kept as it is
      { item_id: 'MR-8.2', srv: '8.2', dimension: 'region', slice: 'Region not recorded', requests: 10, failures: 3, excess_failures: 1 },
    ];
    expect(PRINT_SHAPES.topCauses(rows, {}).map((r) => [r.dimension, r.slice, r.requests])).toEqual([
      ['Model', 'MX-350', 900],
      ['Region', 'Region not recorded', 10],
      ['Device', 'No device record', 448],
    ]);
  });
});
