import { describe, expect, it } from 'vitest';
import { buildAliasTable, toAliasProbabilities } from '../../src/tools/sample/alias.ts';

describe('buildAliasTable', () => {
  it.each([[[1]], [[3, 1]], [[0.15, 20, 3, 0.5, 8, 0.3]], [[5, 5, 5, 5]], [[1e-6, 1, 1e6]]])(
    'draws each index with probability ∝ its weight: %j',
    (weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const probabilities = toAliasProbabilities(buildAliasTable(weights));
      probabilities.forEach((p, i) => expect(p).toBeCloseTo((weights[i] as number) / total, 12));
    },
  );

  it('never draws a zero weight, wherever it sits', () => {
    const table = buildAliasTable([0, 2, 0, 1, 0]);
    expect(toAliasProbabilities(table)).toEqual([0, 2 / 3, 0, 1 / 3, 0].map((p) => expect.closeTo(p, 12)));
    for (const i of [0, 2, 4]) {
      expect(table.prob[i]).toBe(0);
      expect(table.alias[i]).not.toBe(i);
    }
  });

  it.each([[[]], [[0, 0]], [[1, -1]], [[1, Number.NaN]], [[Number.POSITIVE_INFINITY]]])('refuses weights %j', (weights) => {
    expect(() => buildAliasTable(weights)).toThrow(/alias table needs/);
  });
});
