import type { DisclosurePolicy } from '../../shared/policy.ts';

/** Volume per contributing party of one cell (parties with volume > 0 only). */
export type Contributions = ReadonlyMap<string, number>;

export interface RuleView {
  others: number;
  othersVolume: number;
  topShare: number;
  passes: boolean;
}

/** A cell's contributions with volume, largest first (ties in the map's order), with their total. */
interface Ranked {
  list: [string, number][];
  total: number;
  /** Every volume and the total are safe integers: a total less one party's is then exact, in any order. */
  integral: boolean;
}

/** Ranked once per cell, not once per reader (a cell's map is complete before any reader's rule is read). */
const ranked = new WeakMap<Contributions, Ranked>();
function toRanked(contributions: Contributions): Ranked {
  let entry = ranked.get(contributions);
  if (!entry) {
    const list = [...contributions].filter(([, vol]) => vol > 0).sort((a, b) => b[1] - a[1]);
    const total = list.reduce((sum, [, vol]) => sum + vol, 0);
    entry = { list, total, integral: Number.isSafeInteger(total) && list.every(([, vol]) => Number.isSafeInteger(vol)) };
    ranked.set(contributions, entry);
  }
  return entry;
}

interface Others {
  others: number;
  othersVolume: number;
  top: number;
}

/** Whole volumes: the total less the reader's own, and only the largest others summed (a few steps per reader, not ~100). */
function toOthersFromTotal(reader: string, own: number, { list, total }: Ranked, topCount: number): Others {
  let top = 0;
  for (let i = 0, taken = 0; i < list.length && taken < topCount; i += 1) {
    const [party, vol] = list[i]!;
    if (party === reader) continue;
    top += vol;
    taken += 1;
  }
  return own > 0 ? { others: list.length - 1, othersVolume: total - own, top } : { others: list.length, othersVolume: total, top };
}

/** Any volumes: the other parties in the order a sort of their volumes gives, summed in that order. */
function toOthersSummed(reader: string, { list }: Ranked, topCount: number): Others {
  let others = 0;
  let othersVolume = 0;
  let top = 0;
  for (const [party, vol] of list) {
    if (party === reader) continue;
    if (others < topCount) top += vol;
    others += 1;
    othersVolume += vol;
  }
  return { others, othersVolume, top };
}

/** The disclosure rule seen from `reader` (the SQL macro is_suppressed, inverted): the reader's own volume is taken out. */
export function toRuleView(reader: string, contributions: Contributions, policy: DisclosurePolicy): RuleView {
  const ranked = toRanked(contributions);
  const topCount = policy.dominanceTopContributors;
  const { others, othersVolume, top } = ranked.integral
    ? toOthersFromTotal(reader, contributions.get(reader) ?? 0, ranked, topCount)
    : toOthersSummed(reader, ranked, topCount);
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
