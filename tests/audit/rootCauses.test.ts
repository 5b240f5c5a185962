import { describe, expect, it } from 'vitest';
import { buildPrimaryFindings } from '../../src/pipeline/audit/checkPrimary.ts';
import { buildRootCauseFindings } from '../../src/pipeline/audit/checkRootCauses.ts';
import { buildSubtractionFindings } from '../../src/pipeline/audit/checkSubtraction.ts';
import type { Row } from '../../src/pipeline/audit/input.ts';
import { buildTruthIndex } from '../../src/pipeline/audit/truth.ts';
import { PARTIES, POLICY, buildMonth, buildView, monthlyRow } from './rows.ts';

/**
 * One item, 7 parties. Model slices: M-1 everyone 10 (1 failure each), M-2 everyone 2, M-3 only P1 and P2 (1 each,
 * P1's failed). Item_daily: day 2 North holds M-1, day 3 North M-2, day 4 South M-3; all Credit, SMETS2.
 * What P1 may see: M-1 (M-3 fails the rule, M-2 hides with it so the two together pass); Credit and SMETS2 (they
 * hold both of P1's hidden daily cells, so item_daily gives them); not North or South (each holds one of the two).
 */
type Slice = [dimension: string, slice: string, requests: (p: string) => number, failures: (p: string) => number];
const inM3 = (p: string): boolean => p === 'P1' || p === 'P2';
const SLICES: Slice[] = [
  ['model', 'M-1', () => 10, () => 1],
  ['model', 'M-2', () => 2, () => 0],
  ['model', 'M-3', (p) => (inM3(p) ? 1 : 0), (p) => (p === 'P1' ? 1 : 0)],
  ['region', 'North', () => 12, () => 1],
  ['region', 'South', (p) => (inM3(p) ? 1 : 0), (p) => (p === 'P1' ? 1 : 0)],
  ['meter_type', 'Credit', (p) => (inM3(p) ? 13 : 12), (p) => (p === 'P1' ? 2 : 1)],
  ['smets', 'SMETS2', (p) => (inM3(p) ? 13 : 12), (p) => (p === 'P1' ? 2 : 1)],
];
const CLEAN = new Set(['M-1', 'Credit', 'SMETS2']);

/** The others' failure rate of a slice seen from `reader`, worked out here from the plan above. */
function othersRate(reader: string, [, , requests, failures]: Slice): number {
  const others = PARTIES.filter((p) => p !== reader);
  return others.reduce((s, p) => s + failures(p), 0) / others.reduce((s, p) => s + requests(p), 0);
}

function rcRow(reader: string, slice: Slice, published: boolean): Row {
  const [dimension, name, requests, failures] = slice;
  // published as the metrics stage rounds it, to the policy's 0.1 pp (no rate here falls on a half)
  const rate = published ? Math.round(othersRate(reader, slice) * 1000) / 1000 : null;
  const n = requests(reader);
  return {
    role: 'IS',
    item_id: 'RR-4.1.1',
    business_process: 'Read Registers',
    srv: '4.1.1',
    dimension,
    slice: name,
    requests: n,
    failures: failures(reader),
    failure_rate: failures(reader) / n,
    industry_status: published ? 'published' : 'suppressed',
    industry_failure_rate: rate,
    expected_failures: rate === null ? null : n * rate,
    excess_failures: rate === null ? null : failures(reader) - n * rate,
    excess_rank: rate === null ? null : 1,
  };
}

const daily = (day: string, region: string, requests: number, industry: number | null): Row => ({
  role: 'IS',
  item_id: 'RR-4.1.1',
  day,
  meter_type: 'Credit',
  region,
  smets: 'SMETS2',
  requests,
  industry_status: industry === null ? 'suppressed' : 'published',
  industry_requests: industry,
});

/** The month with P1's root-cause rows published by `shows` (default: what may be seen) and edited by `edit`. */
function buildCase(
  shows: (slice: string) => boolean = (s) => CLEAN.has(s),
  edit: (rows: Row[]) => Row[] = (rows) => rows,
  slices: Slice[] = SLICES,
  policy = POLICY,
) {
  const parties = PARTIES.map((p) => {
    const rows = slices.filter((s) => s[2](p) > 0).map((s) => rcRow(p, s, p === 'P1' && shows(s[1])));
    const own = inM3(p) ? 13 : 12;
    const days = [daily('2025-10-02', 'North', 10, p === 'P1' ? 70 : null), daily('2025-10-03', 'North', 2, null)];
    if (inM3(p)) days.push(daily('2025-10-04', 'South', 1, null));
    return buildView(p, { item_monthly: [monthlyRow(own, 86)], item_daily: days, root_causes: p === 'P1' ? edit(rows) : rows });
  });
  const month = buildMonth(parties);
  const reader = month.parties[0]!;
  const truths = buildTruthIndex(month);
  return [
    ...buildPrimaryFindings(reader, truths, POLICY).findings,
    ...buildSubtractionFindings(reader, truths, POLICY),
    ...buildRootCauseFindings(reader, truths, policy),
  ].map((f) => [f.check, f.dataset, f.cell, f.problem]);
}

describe('privacy audit of root_causes', () => {
  it('accepts what the metrics stage would publish', () => {
    expect(buildCase()).toEqual([]);
  });

  it('fails a published slice with one other contributor', () => {
    expect(buildCase((s) => CLEAN.has(s) || s === 'M-3')).toContainEqual([
      'a',
      'root_causes',
      'IS|RR-4.1.1|model|M-3|∅',
      'published cell fails the disclosure rule',
    ]);
  });

  it('fails a lone hidden slice the item total and the published slices give by subtraction', () => {
    expect(buildCase((s) => CLEAN.has(s) || s === 'M-2')).toContainEqual([
      'b',
      'root_causes',
      'IS|RR-4.1.1|model|M-3|∅',
      'suppressed cell recoverable by subtraction',
    ]);
  });

  it('lets a lone hidden slice be known when it passes the rule (the reader only has no row of it)', () => {
    // M-3 sent by P2–P7 only, 1 each: no row for P1, 6 others; M-1 and M-2 published
    const slices = SLICES.map((s): Slice => (s[1] === 'M-3' ? ['model', 'M-3', (p) => (p === 'P1' ? 0 : 1), () => 0] : s));
    const leaked = buildCase((s) => CLEAN.has(s) || s === 'M-2', undefined, slices);
    expect(leaked.filter((f) => f[2]?.toString().includes('model'))).toEqual([]);
  });

  it('fails a region slice that holds one of two hidden item_daily cells', () => {
    const findings = buildCase((s) => CLEAN.has(s) || s === 'North');
    expect(findings.map((f) => f.slice(0, 3))).toContainEqual(['b', 'root_causes', 'IS|RR-4.1.1|region|North|∅']);
  });

  it('fails a suppressed row that keeps its industry rate, and a rate that is not the others’', () => {
    const leaky = buildCase(undefined, (rows) =>
      rows.map((r) =>
        r.slice === 'M-3' ? { ...r, industry_failure_rate: 0.5 } : r.slice === 'M-1' ? { ...r, industry_failure_rate: 0.1 + 1e-3 } : r,
      ),
    );
    expect(leaky).toEqual([
      ['a', 'root_causes', 'IS|RR-4.1.1|model|M-1|∅', 'industry failure rate differs from the other contributors own figures'],
      ['a', 'root_causes', 'IS|RR-4.1.1|model|M-3|∅', 'suppressed row carries an industry figure'],
    ]);
  });

  it('fails an others’ rate from fewer requests than minPeerVolume', () => {
    // P1's published slices: M-1 has 60 others' requests, Credit and SMETS2 73 each
    const few = buildCase(undefined, undefined, undefined, { ...POLICY, minPeerVolume: 70 });
    expect(few).toEqual([['a', 'root_causes', 'IS|RR-4.1.1|model|M-1|∅', "industry failure rate from fewer than 70 others' requests"]]);
  });

  it('fails an exact others’ rate: its reduced fraction gives the slice’s volume', () => {
    // Credit, seen by P1: others 5 × 12 + 13 = 73 requests, 6 failures; 6/73 published whole instead of 0.082
    const exact = buildCase(undefined, (rows) => rows.map((r) => (r.slice === 'Credit' ? { ...r, industry_failure_rate: 6 / 73 } : r)));
    expect(exact).toEqual([['a', 'root_causes', 'IS|RR-4.1.1|meter_type|Credit|∅', 'industry failure rate not rounded to 0.001']]);
  });
});
