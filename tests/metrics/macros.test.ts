import { describe, expect, it } from 'vitest';
import { queryRows, readSql } from '../../src/lib/duckdb.ts';
import { openDb } from '../../src/lib/duckdb.ts';
import { toSqlVars } from '../../src/pipeline/metrics/registry.ts';
import { readPolicy } from '../../src/pipeline/metrics/policy.ts';
import { RTT_BUCKET_COUNT, RTT_BUCKET_LOWER, estimateQuantile, toRttBucket } from '../../src/shared/rttHistogram.ts';

async function macroDb() {
  const { db } = await openDb();
  await db.run(
    await readSql(new URL('../../src/pipeline/metrics/sql/macros.sql', import.meta.url), toSqlVars('2025-10', await readPolicy())),
  );
  return db;
}

describe('metrics SQL macros', () => {
  it('computes the Europe/London day on both sides of both clock changes', async () => {
    const db = await macroDb();
    const cases: [string, string][] = [
      ['2025-03-30T00:59:59Z', '2025-03-30'], // GMT
      ['2025-03-30T23:30:00Z', '2025-03-31'], // BST: 00:30 next day
      ['2025-10-25T23:30:00Z', '2025-10-26'], // BST
      ['2025-10-26T23:30:00Z', '2025-10-26'], // GMT again
      ['2025-12-31T23:59:59Z', '2025-12-31'],
      ['2025-06-30T23:00:00Z', '2025-07-01'],
    ];
    for (const [ts, day] of cases) {
      const [row] = await queryRows<{ d: string }>(db, `SELECT strftime(london_day(TIMESTAMPTZ '${ts}'), '%Y-%m-%d') AS d`);
      expect(row?.d, ts).toBe(day);
    }
  });

  it('agrees with the time zone database on every London day from a year before the month to a year after', async () => {
    const db = await macroDb();
    await db.run(`SET TimeZone = 'Europe/London'`);
    // every 7 min 13 s over three years, so every day and both sides of each clock change are hit
    const [row] = await queryRows<{ n: bigint; wrong: bigint }>(
      db,
      `SELECT count(*) AS n, count_if(london_day(t) <> CAST(t AS DATE)) AS wrong
       FROM range(TIMESTAMPTZ '2024-01-01 00:00:00Z', TIMESTAMPTZ '2027-01-01 00:00:00Z', INTERVAL 433 SECOND) r(t)`,
    );
    expect(Number(row?.n)).toBeGreaterThan(200_000);
    expect(Number(row?.wrong)).toBe(0);
  });

  it('rounds a rate to the league step as the report writes rates (Intl: exact halves away from zero)', async () => {
    const db = await macroDb();
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    // denominators with many exact halves at 0.1 pp (n / 2000 = x.x5 %), and one with none
    const rows = await queryRows<{ num: number; den: number; pct: number; share: number }>(
      db,
      `SELECT num, den, round_pct(num, den) AS pct, round_share(num, den) AS share
       FROM (SELECT unnest([80, 2000, 16000, 7]) AS den), LATERAL range(0, den + 1) r(num)`,
    );
    expect(rows.length).toBe(81 + 2001 + 16001 + 8);
    // the metrics tables keep their rates as DOUBLE (the data contract's float64), not the DECIMAL step arithmetic gives
    const [types] = await queryRows<{ pct: string; share: string }>(
      db,
      'SELECT typeof(round_pct(1, 3)) AS pct, typeof(round_share(1, 3)) AS share',
    );
    expect(types).toEqual({ pct: 'DOUBLE', share: 'DOUBLE' });
    const halves = rows.filter((r) => (Number(r.num) * 2000) % Number(r.den) === 0 && ((Number(r.num) * 2000) / Number(r.den)) % 2 === 1);
    expect(halves.length).toBeGreaterThan(1000);
    for (const r of rows) {
      const written = Number(percent.format(Number(r.num) / Number(r.den)).replace('%', ''));
      expect(r.pct, `${r.num} / ${r.den}`).toBe(written);
      expect(r.share, `${r.num} / ${r.den}`).toBe(Number((written / 100).toFixed(6)));
    }
  });

  it('puts an RTT in the same histogram bucket in SQL as in the browser code', async () => {
    const db = await macroDb();
    const values = [0, 0.05, 0.1, 0.17, 0.99, 1, 1.5, 2, 25, 59.9, 7200, 79200, 2.5e6, 1e7];
    const rows = await queryRows<{ s: number; b: number }>(
      db,
      `SELECT s, rtt_bucket(s) AS b FROM unnest([${values.join(', ')}]::DOUBLE[]) t(s) ORDER BY s`,
    );
    expect(rows.map((r) => r.b)).toEqual(values.map(toRttBucket));
    expect(toRttBucket(1)).toBe(5);
    expect(toRttBucket(0.99)).toBe(4);
  });

  it('estimates the quantile of a recombined histogram inside the right bucket', () => {
    const a = Array.from({ length: RTT_BUCKET_COUNT }, (_, i) => (i === toRttBucket(2) ? 3 : 0));
    const b = Array.from({ length: RTT_BUCKET_COUNT }, (_, i) => (i === toRttBucket(30) ? 1 : 0));
    const merged = a.map((n, i) => n + b[i]!); // histograms recombine by summing, bucket by bucket
    expect(merged.reduce((x, y) => x + y, 0)).toBe(4);
    const median = estimateQuantile(merged, 0.5)!;
    expect(median).toBeGreaterThanOrEqual(RTT_BUCKET_LOWER[toRttBucket(2)]!);
    expect(median).toBeLessThan(RTT_BUCKET_LOWER[toRttBucket(2) + 1]!);
    expect(estimateQuantile(new Array(RTT_BUCKET_COUNT).fill(0), 0.5)).toBeNull();
  });
});
