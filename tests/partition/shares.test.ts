import { describe, expect, it } from 'vitest';
import { toDatasetShares, toWorkerThreads } from '../../src/pipeline/partition/datasets.ts';
import type { MetricsTable } from '../../src/pipeline/metrics/manifest.ts';
import { DATASET_NAMES } from '../../src/shared/partitionManifest.ts';

const table = (name: string, rows: number): MetricsTable => ({ name, file: `${name}.parquet`, rows, sha256: '0'.repeat(64), columns: [] });
// the shape of a large month: two tables hold most rows
const ROWS: Record<string, number> = {
  item_daily: 3_139_228,
  item_failures: 2_817_527,
  item_peers: 227_505,
  root_causes: 215_010,
  league: 115_633,
};
const TABLES = DATASET_NAMES.map((name) => table(name, ROWS[name] ?? 1000));

describe('toDatasetShares', () => {
  it('puts every dataset in exactly one share, each share in dataset order', () => {
    for (const count of [1, 2, 3, 64]) {
      const shares = toDatasetShares(DATASET_NAMES, TABLES, count);
      expect(shares.flat().sort()).toEqual([...DATASET_NAMES].sort());
      for (const share of shares) expect(share).toEqual(DATASET_NAMES.filter((n) => share.includes(n)));
    }
  });

  it('gives the two largest tables to different shares, and balances the rows', () => {
    const shares = toDatasetShares(DATASET_NAMES, TABLES, 2);
    expect(shares).toHaveLength(2);
    expect(shares.findIndex((s) => s.includes('item_daily'))).not.toBe(shares.findIndex((s) => s.includes('item_failures')));
    const rows = shares.map((s) => s.reduce((sum, n) => sum + (TABLES.find((t) => t.name === n)?.rows ?? 0), 0));
    expect(Math.abs(rows[0]! - rows[1]!)).toBeLessThan(ROWS.item_peers!);
  });

  it('makes no more shares than datasets, and at least one', () => {
    expect(toDatasetShares(DATASET_NAMES, TABLES, 64)).toHaveLength(DATASET_NAMES.length);
    expect(toDatasetShares(DATASET_NAMES, TABLES, 0)).toEqual([[...DATASET_NAMES]]);
  });
});

describe('toWorkerThreads', () => {
  it('gives each worker its part of the cores, at least one', () => {
    expect(toWorkerThreads(2, 2, {})).toBe(1);
    expect(toWorkerThreads(64, 4, {})).toBe(16);
    expect(toWorkerThreads(3, 2, {})).toBe(1);
    expect(toWorkerThreads(1, 4, {})).toBe(1);
  });

  it('keeps $CARS_DUCKDB_THREADS when it is set', () => {
    expect(toWorkerThreads(64, 4, { CARS_DUCKDB_THREADS: '1' })).toBe(1);
    expect(toWorkerThreads(2, 2, { CARS_DUCKDB_THREADS: '3' })).toBe(3);
  });
});
