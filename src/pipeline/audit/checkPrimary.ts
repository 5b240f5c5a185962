import type { DisclosurePolicy } from '../../shared/policy.ts';
import { PRIMARY_FAMILIES, TYPE_TOTAL } from './families.ts';
import { num, type PartyView } from './input.ts';
import { buildFinding, type Finding } from './report.ts';
import { sumContributions, toRuleBreach, toRuleView } from './rule.ts';
import type { TruthIndex } from './truth.ts';

/** Check (a): every cell published to the reader passes the rule, and its industry figures add up to the contributors' own. */
export function buildPrimaryFindings(
  reader: PartyView,
  truths: TruthIndex,
  policy: DisclosurePolicy,
): { findings: Finding[]; cellsChecked: number } {
  const findings: Finding[] = [];
  let cellsChecked = 0;
  for (const family of PRIMARY_FAMILIES) {
    const truth = truths.of(family);
    for (const [key, row] of family.published(reader)) {
      cellsChecked += 1;
      const cell = truth.get(key);
      const contributions = cell?.contributions ?? new Map<string, number>();
      const view = toRuleView(reader.partyId, contributions, policy);
      const fail = (problem: string, value: string): number =>
        findings.push(buildFinding('a', reader.partyId, family.name, key, problem, value));
      if (!view.passes) fail('published cell fails the disclosure rule', toRuleBreach(view, policy));
      family.measures.forEach(([, industry], i) => {
        const shown = row[industry];
        const expected = cell?.sums[i] ?? 0;
        if (typeof shown === 'number' && shown !== expected)
          fail('industry figure differs from the sum of the contributors own figures', `${industry} ${shown} ≠ ${expected}`);
      });
      if (!(TYPE_TOTAL in row)) continue;
      const devices = sumContributions(contributions);
      if (num(row, TYPE_TOTAL) !== devices)
        fail('derived type total differs from the contributors devices', `${num(row, TYPE_TOTAL)} ≠ ${devices}`);
    }
  }
  return { findings, cellsChecked };
}
