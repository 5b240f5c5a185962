import { describe, expect, it } from 'vitest';
import { FILES } from '../../src/pipeline/contract.ts';
import type { DatasetLayout } from '../../src/pipeline/ingest/locate.ts';
import { findReuseObstacle } from '../../src/pipeline/ingest/reuse.ts';
import { buildIngestManifest } from '../ingestManifestFixture.ts';

const DIGEST = 'a'.repeat(64);

/** The earlier ingest of 2025-09 (which loaded 2025-08 too), as its manifest records it. */
const earlier = (changes: { code?: string; crossMonthDuplicates?: number; monthsLoaded?: string[] } = {}) => ({
  ...buildIngestManifest('2025-09'),
  code: 'c1',
  crossMonthDuplicates: 0,
  monthsLoaded: ['2025-08', '2025-09'],
  ...changes,
});

/** Reporting month 2025-10 with its history months, every file CSV. */
function toLayout(months: string[]): DatasetLayout {
  const files = months.flatMap((month) =>
    FILES.map(({ name }) => ({
      month,
      name,
      path: `/d/${month}/${name}.csv`,
      shown: `${month}/${name}.csv`,
      format: 'csv' as const,
      bytes: 1,
    })),
  );
  return { data: '/d', month: '2025-10', months, missing: [], files };
}

const digestsOf = (layout: DatasetLayout, changed?: string): Map<string, string> =>
  new Map(layout.files.map((f) => [f.shown, f.shown === changed ? 'b'.repeat(64) : DIGEST]));

describe('when a history month is taken from its own ingest', () => {
  // the earlier manifest lists files of 2025-09 only, so a layout holding 2025-08 finds its files changed
  const all = toLayout(['2025-09', '2025-10']);

  it('reuses it when code, files and the earlier months agree', () => {
    expect(findReuseObstacle(all, digestsOf(all), earlier(), 'c1')).toBeUndefined();
  });

  it('names what changed', () => {
    expect(findReuseObstacle(all, digestsOf(all), earlier(), 'c2')).toBe(
      'validation code, reference lists or DuckDB changed since its ingest',
    );
    expect(findReuseObstacle(all, digestsOf(all, '2025-09/devices.csv'), earlier(), 'c1')).toBe(
      'input changed since its ingest: 2025-09/devices.csv',
    );
    expect(findReuseObstacle(all, digestsOf(all), earlier({ crossMonthDuplicates: 2 }), 'c1')).toBe(
      'its ingest found 2 ids of earlier months',
    );
  });

  it('validates it again when an earlier month is loaded now that was not then', () => {
    const withAugust = toLayout(['2025-08', '2025-09', '2025-10']);
    const noAugust = earlier({ monthsLoaded: ['2025-09'] });
    expect(findReuseObstacle(withAugust, digestsOf(withAugust), noAugust, 'c1')).toBe('its ingest did not load 2025-08');
    expect(findReuseObstacle(withAugust, digestsOf(withAugust), earlier(), 'c1')).toBe(
      'input of 2025-08 changed since its ingest: 2025-08/parties.csv',
    );
  });
});
