import type { DisclosurePolicy } from '../../shared/policy.ts';

/** Volume per contributing party of one cell (parties with volume > 0 only). */
export type Contributions = ReadonlyMap<string, number>;

export interface RuleView {
  others: number;
  othersVolume: number;
  topShare: number;
  passes: boolean;
}

/** Contributions with volume, largest first (ties in the map's order): sorted once per cell, not once per reader (a cell's map is complete before any reader's rule is read). */
const ranked = new WeakMap<Contributions, [string, number][]>();
function toRanked(contributions: Contributions): [string, number][] {
  let list = ranked.get(contributions);
  if (!list) {
    list = [...contributions].filter(([, vol]) => vol > 0).sort((a, b) => b[1] - a[1]);
    ranked.set(contributions, list);
  }
  return list;
}

/** The disclosure rule seen from `reader` (the SQL macro is_suppressed, inverted): the reader's own volume is taken out. */
export function toRuleView(reader: string, contributions: Contributions, policy: DisclosurePolicy): RuleView {
  let others = 0;
  let othersVolume = 0;
  let top = 0;
  // the other parties in the order a sort of their volumes gives, summed in that order
  for (const [party, vol] of toRanked(contributions)) {
    if (party === reader) continue;
    if (others < policy.dominanceTopContributors) top += vol;
    others += 1;
    othersVolume += vol;
  }
  const topShare = othersVolume > 0 ? top / othersVolume : 1;
  const passes = others >= policy.minOtherParties && othersVolume > 0 && top <= policy.dominanceShare * othersVolume;
  return { others, othersVolume, topShare, passes };
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
