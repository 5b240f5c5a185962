import type { DisclosurePolicy } from '../../src/shared/policy.ts';

/** The design brief's rule seen from `reader`, written out independently of the SQL macro. */
export function passes(reader: string, vols: Map<string, number>, rule: DisclosurePolicy): boolean {
  const others = [...vols].filter(([p, v]) => p !== reader && v > 0).map(([, v]) => v);
  const total = others.reduce((a, b) => a + b, 0);
  const top = [...others].sort((a, b) => b - a).slice(0, rule.dominanceTopContributors);
  return others.length >= rule.minOtherParties && top.reduce((a, b) => a + b, 0) <= rule.dominanceShare * total;
}
