import { describe, expect, it } from 'vitest';
import { buildUsageReport, readAccessLogs, SESSION_GAP_MS, toSessions, type PartyUsage } from '../../src/tools/usage/index.ts';
import { ACCESS_LOG, FIXTURE_PARTIES } from './fixture.ts';

const row = (rows: PartyUsage[], party: string, month: string) => rows.find((r) => r.party === party && r.month === month);

describe('usage report from the fixture log (expected figures worked out by hand in tests/fixtures/README.md)', () => {
  it('counts lines read and skipped, with where and why of each skipped line', async () => {
    const logs = await readAccessLogs([ACCESS_LOG]);
    expect([logs.linesRead, logs.linesSkipped, logs.entries.length]).toEqual([20, 2, 18]);
    expect(logs.skipped).toEqual([
      { file: ACCESS_LOG, line: 16, column: 13, reason: 'expected time' },
      { file: ACCESS_LOG, line: 17, column: 66, reason: 'expected bytes sent' },
    ]);
  });

  it('per party and month: recipients, visits, opens, datasets, downloads, refusals, first and last visit', async () => {
    const report = buildUsageReport({ ...(await readAccessLogs([ACCESS_LOG])), parties: FIXTURE_PARTIES });
    expect(report.months).toEqual(['2025-02', '2025-03']);
    expect(row(report.parties, 'ALPHA1', '2025-03')).toEqual({
      party: 'ALPHA1',
      month: '2025-03',
      recipients: 2,
      visits: 3,
      reportOpens: 3,
      datasetsOpened: 1,
      datasets: { item_monthly: 1 },
      downloads: 2,
      csvDownloads: 1,
      pdfDownloads: 1,
      refused: 2,
      firstVisit: '2025-03-05T10:00:00.000Z',
      lastVisit: '2025-03-05T12:00:00.000Z',
    });
    // the trend's look-ups of February during a March visit are not a February visit
    expect(row(report.parties, 'ALPHA1', '2025-02')).toMatchObject({ recipients: 1, visits: 1, reportOpens: 1, datasetsOpened: 0 });
    // a visit that fetched only the keyring (no report page) still counts, at its UTC time
    expect(row(report.parties, 'BRAVO2', '2025-03')).toMatchObject({
      recipients: 1,
      visits: 1,
      reportOpens: 0,
      firstVisit: '2025-03-05T13:00:00.000Z',
    });
    expect(row(report.parties, 'CHARL3', '2025-03')).toMatchObject({ recipients: 0, visits: 0, firstVisit: null });
    expect(report.parties).toHaveLength(6);
    expect(report.neverOpened).toEqual([
      { month: '2025-02', parties: ['BRAVO2', 'CHARL3'] },
      { month: '2025-03', parties: ['BRAVO2', 'CHARL3'] },
    ]);
    expect(report.totals).toEqual({
      requests: 18,
      publicRequests: 2,
      partyRequests: 15,
      unknownAreaRequests: 1,
      recipients: 3,
      visits: 5,
      reportOpens: 4,
      datasetsOpened: 1,
      downloads: 2,
      refused: 2,
    });
  });

  it('--month keeps that month only', async () => {
    const report = buildUsageReport({ ...(await readAccessLogs([ACCESS_LOG])), parties: FIXTURE_PARTIES, month: '2025-03' });
    expect(report.parties.map((r) => r.month)).toEqual(['2025-03', '2025-03', '2025-03']);
    expect(report.totals).toMatchObject({ partyRequests: 12, visits: 4, reportOpens: 3, recipients: 3 });
  });
});

describe('visits', () => {
  const hit = (user: string, minutes: number) => ({
    time: minutes * 60_000,
    user,
    party: 'ALPHA1',
    month: '2025-03',
    resource: { kind: 'open' as const },
  });

  it('a gap of exactly 30 minutes stays one visit; a second more starts another; each recipient has their own', () => {
    expect(SESSION_GAP_MS).toBe(30 * 60_000);
    const sessions = toSessions([hit('a', 0), hit('a', 30), hit('a', 60.5), hit('b', 10), hit('a', 61)]);
    expect(sessions.map((s) => s.map((h) => `${h.user}@${h.time / 60_000}`))).toEqual([['a@0', 'a@30'], ['a@60.5', 'a@61'], ['b@10']]);
  });
});
