/**
 * Walker's alias table (Vose's construction): to draw index i with probability ∝ weights[i], take
 * slot j = floor(u1 · n), then j when u2 < prob[j], else alias[j]. Exact, with two lists of n entries:
 * small enough to inline in SQL, where a join would cost the generator its row order.
 */
export interface AliasTable {
  prob: number[];
  alias: number[];
}

export function buildAliasTable(weights: readonly number[]): AliasTable {
  const n = weights.length;
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (n === 0 || !(total > 0) || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new Error(`alias table needs finite non-negative weights with a positive sum: ${weights.join(', ')}`);
  }
  const scaled = weights.map((w) => (w * n) / total);
  const prob = new Array<number>(n).fill(1);
  const alias = weights.map((_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Whatever is left is 1 up to rounding: it keeps itself. A zero weight is never drawn, not even by rounding.
  const heaviest = weights.indexOf(Math.max(...weights));
  weights.forEach((w, i) => {
    if (w === 0) {
      prob[i] = 0;
      if (alias[i] === i) alias[i] = heaviest;
    }
  });
  return { prob, alias };
}

/** The probability of each index under a table (for checks): 1/n per slot, split between it and its alias. */
export function toAliasProbabilities(table: AliasTable): number[] {
  const n = table.prob.length;
  const out = new Array<number>(n).fill(0);
  table.prob.forEach((p, j) => {
    out[j] = (out[j] as number) + p / n;
    const a = table.alias[j] as number;
    out[a] = (out[a] as number) + (1 - p) / n;
  });
  return out;
}
