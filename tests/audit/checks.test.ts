import { describe, expect, it } from 'vitest';
import { buildPrimaryFindings } from '../../src/pipeline/audit/checkPrimary.ts';
import { buildSubtractionFindings } from '../../src/pipeline/audit/checkSubtraction.ts';
import type { AuditMonth } from '../../src/pipeline/audit/input.ts';
import { toRuleView } from '../../src/pipeline/audit/rule.ts';
import { buildTruthIndex } from '../../src/pipeline/audit/truth.ts';
import { POLICY, buildItemMonth, buildMonth, buildView, everyone } from './rows.ts';

const D1 = '2025-10-02';
const D2 = '2025-10-03';
const D3 = '2025-10-04';
const cellOf = (day: string): string => `IS|RR-4.1.1|${day}|Credit|North|SMETS2`;

const reader = (month: AuditMonth, id: string) => month.parties.find((p) => p.partyId === id)!;
const subtraction = (month: AuditMonth, id: string) => buildSubtractionFindings(reader(month, id), buildTruthIndex(month), POLICY);
const primary = (month: AuditMonth, id: string) => buildPrimaryFindings(reader(month, id), buildTruthIndex(month), POLICY);

describe('the disclosure rule from a reader', () => {
  const c = (entries: [string, number][]) => new Map(entries);
  it('needs 4 other contributors, the reader not counted', () => {
    expect(
      toRuleView(
        'R',
        c([
          ['A', 1],
          ['B', 1],
          ['C', 1],
          ['D', 1],
        ]),
        POLICY,
      ).passes,
    ).toBe(true);
    expect(
      toRuleView(
        'A',
        c([
          ['A', 1],
          ['B', 1],
          ['C', 1],
          ['D', 1],
        ]),
        POLICY,
      ),
    ).toMatchObject({ others: 3, passes: false });
  });
  it('fails when the two largest others hold more than 85 % of the others', () => {
    expect(
      toRuleView(
        'R',
        c([
          ['A', 50],
          ['B', 40],
          ['C', 5],
          ['D', 5],
        ]),
        POLICY,
      ),
    ).toMatchObject({ topShare: 0.9, passes: false });
    // the reader's own 1000 is taken out: the others are even
    expect(
      toRuleView(
        'R',
        c([
          ['R', 1000],
          ['A', 5],
          ['B', 5],
          ['C', 5],
          ['D', 5],
        ]),
        POLICY,
      ).passes,
    ).toBe(true);
    expect(
      toRuleView(
        'R',
        c([
          ['A', 45],
          ['B', 40],
          ['C', 10],
          ['D', 5],
        ]),
        POLICY,
      ).passes,
    ).toBe(true);
  });
});

describe('the rule view of a cell with many contributors', () => {
  // the rule as written: every other party, largest first, summed one by one
  const byHand = (reader: string, contributions: Map<string, number>) => {
    const others = [...contributions].filter(([p, v]) => p !== reader && v > 0).sort((a, b) => b[1] - a[1]);
    const othersVolume = others.reduce((s, [, v]) => s + v, 0);
    const top = others.slice(0, POLICY.dominanceTopContributors).reduce((s, [, v]) => s + v, 0);
    return {
      others: others.length,
      othersVolume,
      topShare: othersVolume > 0 ? top / othersVolume : 1,
      passes: others.length >= POLICY.minOtherParties && othersVolume > 0 && top <= POLICY.dominanceShare * othersVolume,
    };
  };
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
  const randomCell = (size: number, scale: number, whole: boolean) =>
    new Map(
      Array.from({ length: size }, (_, i): [string, number] => [
        `P${i}`,
        next(4) === 0 ? 0 : whole ? next(scale) : next(scale) * 0.37 + 0.01,
      ]),
    );
  it('agrees with the rule summed by hand for every reader, in cells of whole volumes and of fractions', () => {
    for (const [size, scale, whole] of [
      [6, 10, true],
      [40, 1000, true],
      [90, 3, true],
      [12, 1000, false],
      [90, 10, false],
    ] as const) {
      for (let round = 0; round < 20; round += 1) {
        const cell = randomCell(size, scale, whole);
        for (const reader of [...cell.keys(), 'outsider']) expect(toRuleView(reader, cell, POLICY)).toEqual(byHand(reader, cell));
      }
    }
  });
});

describe('check a: published cells', () => {
  it('flags a published cell with too few other contributors', () => {
    const cells = { [D1]: everyone(2), [D2]: { P1: 1, P2: 1, P3: 1, P4: 1 } };
    const month = buildItemMonth(cells, () => true);
    const findings = primary(month, 'P1').findings;
    expect(findings.map((f) => [f.check, f.cell, f.value])).toEqual([['a', cellOf(D2), '3 other contributors (at least 4 needed)']]);
    // P5 is not in the cell: P1–P4 are 4 others
    expect(primary(month, 'P5').findings).toEqual([]);
    expect(primary(buildItemMonth({ [D1]: everyone(2) }), 'P1')).toEqual({ findings: [], cellsChecked: 2 });
  });
  it('flags a published industry figure that is not the sum of the own figures', () => {
    const month = buildItemMonth({ [D1]: everyone(2) });
    const p1 = reader(month, 'P1');
    const monthly = { ...p1.datasets.item_monthly!.rows[0]!, industry_requests: 15 };
    const changed = buildMonth(
      month.parties.map((p) =>
        p === p1 ? buildView('P1', { item_monthly: [monthly], item_daily: [...p1.datasets.item_daily!.rows] }) : p,
      ),
    );
    expect(primary(changed, 'P1').findings.map((f) => f.value)).toEqual(['industry_requests 15 ≠ 14']);
  });
});

describe('check b: subtraction along a hierarchy', () => {
  const leak = { [D1]: everyone(2), [D2]: { P1: 1, P2: 1 } };
  it('recovers the one hidden cell under a published month, for a reader with and without a share in it', () => {
    const month = buildItemMonth(leak);
    const outside = subtraction(month, 'P3');
    expect(outside).toHaveLength(1);
    expect(outside[0]).toMatchObject({ check: 'b', dataset: 'item_daily', cell: cellOf(D2), recovered: 2 });
    expect(outside[0]!.equation).toContain('item_monthly 16 − 1 published cells 14');
    expect(subtraction(month, 'P1')[0]!.equation).toContain('= 2 (others 1)');
  });
  it('is silent when the only hidden volume is the reader’s own', () => {
    const month = buildItemMonth({ [D1]: everyone(2), [D3]: { P3: 1 } });
    expect(subtraction(month, 'P3')).toEqual([]);
    expect(subtraction(month, 'P4').map((f) => f.cell)).toEqual([cellOf(D3)]);
  });
  it('accepts several hidden cells whose sum passes the rule and flags a sum that does not', () => {
    const passing = buildItemMonth({ [D1]: everyone(2), [D2]: { P1: 1, P2: 1 }, [D3]: { P4: 1, P5: 1, P6: 1 } });
    expect(subtraction(passing, 'P3')).toEqual([]);
    const failing = buildItemMonth({ [D1]: everyone(2), [D2]: { P1: 1, P2: 1 }, [D3]: { P1: 2 } });
    const found = subtraction(failing, 'P3');
    expect(found.map((f) => [f.dataset, f.cell, f.recovered])).toEqual([['item_monthly', 'IS|RR-4.1.1', 4]]);
    expect(found[0]!.value).toBe('2 other contributors (at least 4 needed)');
  });
  it('flags a hidden month whose every cell is published', () => {
    const month = buildItemMonth(
      { [D1]: everyone(2), [D2]: everyone(1) },
      () => true,
      (r) => r !== 'P3',
    );
    expect(subtraction(month, 'P3').map((f) => [f.problem, f.recovered])).toEqual([
      ['suppressed total is the sum of its published cells', 21],
    ]);
    expect(subtraction(month, 'P4')).toEqual([]);
  });
});
