import type { Family } from './families.ts';
import { toKey, type AuditMonth, type Row } from './input.ts';

/** Who contributes what to one cell, from every party's own rows. */
export interface TruthCell {
  /** A source row of the cell, for its key columns. */
  row: Row;
  contributions: Map<string, number>;
  /** Sum of the own figures per measure, in the family's measure order. */
  sums: number[];
}

export type Truth = Map<string, TruthCell>;

export function buildTruth(month: AuditMonth, family: Family): Truth {
  const truth: Truth = new Map();
  for (const party of month.parties) {
    for (const row of party.datasets[family.source]?.rows ?? []) {
      const vol = family.vol(row);
      const sums = family.measures.map(([own]) => (typeof row[own] === 'number' ? row[own] : 0));
      if (vol <= 0 && sums.every((s) => s === 0)) continue;
      const key = toKey(row, family.keys);
      let cell = truth.get(key);
      if (!cell) {
        cell = { row, contributions: new Map(), sums: family.measures.map(() => 0) };
        truth.set(key, cell);
      }
      if (vol > 0) cell.contributions.set(party.partyId, (cell.contributions.get(party.partyId) ?? 0) + vol);
      sums.forEach((s, i) => (cell.sums[i]! += s));
    }
  }
  return truth;
}

/** Truth of each family, built once per month and shared by every reader. */
export interface TruthIndex {
  month: AuditMonth;
  of(family: Family): Truth;
  memo<T>(key: string, build: () => T): T;
}

export function buildTruthIndex(month: AuditMonth): TruthIndex {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, build: () => T): T => {
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as T;
  };
  return { month, memo, of: (family) => memo(`truth:${family.name}`, () => buildTruth(month, family)) };
}

/** Child cells of the truth grouped by their parent's key; a cell whose `parentOf` is undefined has no parent here. */
export function groupChildrenBy(children: Truth, parentOf: (row: Row) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, cell] of children) {
    if (cell.contributions.size === 0) continue;
    const parent = parentOf(cell.row);
    if (parent === undefined) continue;
    const list = out.get(parent);
    if (list) list.push(key);
    else out.set(parent, [key]);
  }
  return out;
}

/** Child cells of the truth grouped by their parent's key columns. */
export const groupChildren = (children: Truth, parentKeys: readonly string[]): Map<string, string[]> =>
  groupChildrenBy(children, (row) => toKey(row, parentKeys));
