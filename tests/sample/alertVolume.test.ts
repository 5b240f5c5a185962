// The realistic alert volume option: alerts per request, the per-device room it needs, and a tiny dataset made with it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/lib/duckdb.ts';
import { writeSample } from '../../src/tools/sample/index.ts';
import { SCALE_SPECS, toAlertVars } from '../../src/tools/sample/scales.ts';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('sample alert volume', () => {
  it("keeps each scale's own volume and per-device room when no ratio is given", () => {
    for (const spec of Object.values(SCALE_SPECS))
      expect(toAlertVars(spec)).toEqual({ alerts: spec.alertsPerMonth, alertCap: 9, alertSlots: 20 });
  });

  it('scales the alerts with the requests and raises the per-device cap in proportion', () => {
    const large = SCALE_SPECS.large;
    const vars = toAlertVars(large, 1.6);
    expect(vars.alerts).toBe(large.requestsPerMonth * 1.6);
    expect(vars.alertCap).toBe(Math.ceil((9 * vars.alerts) / large.alertsPerMonth));
    expect(vars.alertSlots).toBe(2 * vars.alertCap + 2);
    // a ratio below the scale's own never lowers the cap
    expect(toAlertVars(large, 0.01).alertCap).toBe(9);
  });

  it('writes about the asked number of alerts, with unique ids, one dataset at 1.6 alerts per request', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cars-sample-alerts-'));
    roots.push(root);
    const summary = await writeSample({
      scale: 'tiny',
      seed: 7,
      months: 1,
      month: '2025-10',
      format: 'csv',
      out: root,
      alertsPerRequest: 1.6,
    });
    const [month] = summary.months;
    const asked = SCALE_SPECS.tiny.requestsPerMonth * 1.6;
    expect(month?.rows.alerts).toBeGreaterThan(asked * 0.7);
    expect(month?.rows.alerts).toBeLessThan(asked * 1.3);
    expect(month?.rows.alerts).toBeGreaterThan(SCALE_SPECS.tiny.alertsPerMonth * 5);
    const { db, close } = await openDb();
    try {
      const reader = await db.runAndReadAll(
        `SELECT count(*) - count(DISTINCT alert_id) AS dup FROM read_csv('${join(root, '2025-10', 'alerts.csv')}', all_varchar = true)`,
      );
      expect(Number(reader.getRowObjectsJS()[0]?.dup)).toBe(0);
    } finally {
      close();
    }
  });
});
