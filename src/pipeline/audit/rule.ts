import type { DisclosurePolicy } from '../../shared/policy.ts';

/** Volume per contributing party of one cell (parties with volume > 0 only). */
export type Contributions = ReadonlyMap<string, number>;

export interface RuleView {
  others: number;
  othersVolume: number;
  topShare: number;
  passes: boolean;
}

/** The disclosure rule seen from `reader` (the SQL macro is_suppressed, inverted): the reader's own volume is taken out. */
export function toRuleView(reader: string, contributions: Contributions, policy: DisclosurePolicy): RuleView {
  const others: number[] = [];
  for (const [party, vol] of contributions) if (party !== reader && vol > 0) others.push(vol);
  others.sort((a, b) => b - a);
  const othersVolume = others.reduce((s, v) => s + v, 0);
  const top = others.slice(0, policy.dominanceTopContributors).reduce((s, v) => s + v, 0);
  const topShare = othersVolume > 0 ? top / othersVolume : 1;
  const passes = others.length >= policy.minOtherParties && othersVolume > 0 && top <= policy.dominanceShare * othersVolume;
  return { others: others.length, othersVolume, topShare, passes };
}

/** Why a cell fails the rule, in words. */
export function toRuleBreach(view: RuleView, policy: DisclosurePolicy): string {
  if (view.others < policy.minOtherParties) return `${view.others} other contributors (at least ${policy.minOtherParties} needed)`;
  if (view.othersVolume <= 0) return 'no volume from other parties';
  return `two largest other contributors hold ${(100 * view.topShare).toFixed(1)} % (at most ${100 * policy.dominanceShare} % allowed)`;
}

export function addContributions(into: Map<string, number>, from: Contributions): void {
  for (const [party, vol] of from) into.set(party, (into.get(party) ?? 0) + vol);
}

export const sumContributions = (c: Contributions): number => [...c.values()].reduce((s, v) => s + v, 0);
