import { describe, expect, it } from 'vitest';
import { toMonthName, toStandingSentences, toStandings } from '../../src/islands/party/standing.ts';

// Two months of item_monthly for one role; figures chosen so every rate is easy to work out by hand.
const item = (business_process: string, requests: number, successes: number, industry: [number, number] | null) => ({
  role: 'IS',
  business_process,
  requests,
  successes,
  failures: requests - successes,
  industry_status: industry ? 'published' : 'suppressed',
  industry_requests: industry?.[0] ?? null,
  industry_successes: industry?.[1] ?? null,
});
const september = [item('Install and Commission', 100, 80, [1000, 900]), item('Meter Reads', 200, 190, [2000, 1900])];
const october = [
  item('Install and Commission', 100, 70, [1000, 900]), // 70 % vs 90 %: 20.0 pp below, down 10.0 pp
  item('Meter Reads', 100, 99, [1000, 950]), // 99 % vs 95 %: 4.0 pp above, up 4.0 pp
  item('Meter Reads', 100, 97, null), // a suppressed item counts for the party, not for industry: 196 of 200 = 98 %
  item('Scheduling', 50, 45, null), // no industry figure at all
  { ...item('Meter Reads', 10, 0, [10, 10]), role: 'ED' }, // another role: ignored
];
const league = [
  { role: 'IS', business_process: 'Install and Commission', status: 'published', rank: 3, is_you: true },
  { role: 'IS', business_process: 'Install and Commission', status: 'published', rank: 1, is_you: false },
  { role: 'IS', business_process: 'Install and Commission', status: 'published', rank: 2, is_you: false },
  { role: 'IS', business_process: 'Meter Reads', status: 'suppressed', rank: null, is_you: null },
];
const months = [
  { month: '2025-09', items: september },
  { month: '2025-10', items: october },
];

describe('where you stand', () => {
  const standings = toStandings(months, league, 'IS', '2025-10');

  it('works out rate, industry, difference, rank and change per process, furthest below first', () => {
    expect(standings.map((s) => [s.process, s.rate, s.industryRate, s.diffPp, s.rank, s.ranked, s.changePp])).toEqual([
      ['Install and Commission', 0.7, 0.9, -20, 3, 3, -10],
      ['Meter Reads', 0.98, 0.95, 3, null, null, 3],
      ['Scheduling', 0.9, null, null, null, null, null],
    ]);
    expect(standings[0]?.series).toEqual([
      { month: '2025-09', rate: 0.8 },
      { month: '2025-10', rate: 0.7 },
    ]);
    expect(standings[2]?.series).toEqual([{ month: '2025-10', rate: 0.9 }]);
  });

  it('compares with the month before the one shown, not the latest built', () => {
    const earlier = toStandings(months, league, 'IS', '2025-09');
    expect(earlier.map((s) => [s.process, s.changePp])).toEqual([
      ['Install and Commission', null],
      ['Meter Reads', null],
    ]);
  });

  it('says it in words: how many below, the worst with rank and change, the strongest, what is withheld', () => {
    expect(toStandingSentences(standings, '2025-09')).toEqual([
      'You were below industry in 1 of the 2 business processes with an industry figure.',
      'Install and Commission: 70.0%, 20.0 pp below industry, 3 of 3 — down 10.0 pp on September 2025.',
      'Strongest: Meter Reads: 98.0%, 3.0 pp above industry — up 3.0 pp on September 2025.',
      'The industry figure is withheld for 1 process: too few other parties to publish it.',
    ]);
    expect(toMonthName('2025-02')).toBe('February 2025');
    const level = standings.map((s) => ({ ...s, changePp: s.changePp === null ? null : 0 }));
    expect(toStandingSentences(level, '2025-09')[1]).toBe(
      'Install and Commission: 70.0%, 20.0 pp below industry, 3 of 3 — unchanged from September 2025.',
    );
  });

  it('rounds a rate at an exact half as the data tables do (Intl), not as toFixed does', () => {
    // 0.1235 is stored just under the half: toFixed gives 12.3, Intl and the tables 12.4
    const half = { ...standings[0]!, rate: 0.1235, diffPp: -0.05, rank: null, changePp: null };
    expect(toStandingSentences([half], '2025-09')[1]).toBe('Install and Commission: 12.4%, 0.1 pp below industry.');
  });

  it('says "at or above in all" when no process is below industry', () => {
    const strong = standings.find((s) => (s.diffPp ?? -1) >= 0);
    if (!strong) throw new Error('the fixture needs a process above industry');
    const above = [strong, { ...strong, process: 'Scheduling' }];
    expect(toStandingSentences(above, '2025-09')[0]).toBe(
      `You were at or above industry in all ${above.length} business processes with an industry figure.`,
    );
  });
});
