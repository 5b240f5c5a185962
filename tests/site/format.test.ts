import { describe, expect, it } from 'vitest';
import { formatCell, toColumnLabel, toGrouped, toPercentPoints, toPercentText } from '../../src/islands/party/format.ts';

describe('table cells', () => {
  it('show timestamps as date and time in UTC, rates as percentages, nothing as a dash', () => {
    expect(formatCell('opened_at', '2025-10-07T09:00:00Z')).toBe('2025-10-07 09:00 UTC');
    expect(formatCell('opened_at', '2025-10-07T09:00:00.250Z')).toBe('2025-10-07 09:00 UTC');
    expect(formatCell('summary', 'Outage at 09:00Z')).toBe('Outage at 09:00Z');
    expect(formatCell('success_rate', 0.8125)).toBe('81.3%');
    expect(formatCell('resolved_at', null)).toBe('—');
  });

  it('give a column one number of decimals: counts whole, seconds and excess failures always two', () => {
    expect(formatCell('requests', 1234)).toBe('1,234');
    expect(formatCell('rtt_mean_s', 4.4)).toBe('4.40');
    expect(formatCell('rtt_mean_s', 4)).toBe('4.00');
    expect(formatCell('rtt_mean_s', 150.214)).toBe('150.21');
    expect(formatCell('excess_failures', 1.5)).toBe('1.50');
    expect(formatCell('excess_failures', 3)).toBe('3.00');
    expect(formatCell('devices', 2.5)).toBe('2.50');
    expect(formatCell('excess_rank', 1)).toBe('1');
    expect(formatCell('excess_failures', -0.27)).toBe('−0.27');
    expect(formatCell('excess_failures', -1234.5)).toBe('−1,234.50');
  });

  it('show a percentage row of a one-measure-per-row table with one decimal and its sign, whole or not', () => {
    const row = { measure: 'success rate (%)', you: 88.5, industry: 100 };
    expect(formatCell('you', 88.5, row)).toBe('88.5%');
    expect(formatCell('industry', 100, row)).toBe('100.0%');
    expect(formatCell('you', 2213, { measure: 'requests', you: 2213 })).toBe('2,213');
  });

  it('head a column with its unit where its name ends in one', () => {
    expect(toColumnLabel('rtt_median_s')).toBe('RTT median (s)');
    expect(toColumnLabel('success_rate_pct')).toBe('Success rate (%)');
    expect(toColumnLabel('n_8141')).toBe('Install and Commission (8.14.1)');
    expect(toColumnLabel('ranked_parties')).toBe('Ranked parties');
    // the alert delivery statistics are seconds without the suffix
    expect(toColumnLabel('delivery_median')).toBe('Delivery median (s)');
    expect(toColumnLabel('industry_delivery_median')).toBe('Industry delivery median (s)');
    expect(toColumnLabel('delivered')).toBe('Delivered');
    expect(formatCell('delivery_max', 3)).toBe('3.00');
  });
});

describe('numbers written without Intl', () => {
  // Halves at every scale (ties round away from zero), values just either side of a half, and random values.
  const random = Array.from({ length: 4000 }, (_, i) => (i % 2 ? -1 : 1) * Math.random() * 10 ** ((i % 9) - 3));
  const edges = [
    0, -0, 0.5, -0.5, 1.005, 2.675, 0.0005, 0.0285, 0.1235, 999.995, 999999.5, 1234567.891, -1234.5, 0.9995, 0.99949, 1e-9, 12.3456, 1,
  ];
  const ties = Array.from({ length: 4000 }, (_, i) => (i % 3 ? 1 : -1) * ((i + 0.5) / 10 ** (i % 5)));
  const values = [...edges, ...random, ...ties, 1e21, 123456789012345680000];

  it('group and round whole numbers and two decimals exactly as en-GB Intl does', () => {
    const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
    const two = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    for (const v of values) {
      expect(toGrouped(v, 0), String(v)).toBe(whole.format(v));
      expect(toGrouped(v, 2), String(v)).toBe(two.format(v));
    }
  });

  it("write a rate as a percentage with one decimal exactly as Intl's percent style does", () => {
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    for (const v of [...values, 12.3456, 0.77777, -0.0001, 0.00049, 0.00051]) expect(toPercentText(v), String(v)).toBe(percent.format(v));
  });

  it('give the percentage points a chart or table shows as the number Intl writes', () => {
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    for (const v of values) expect(toPercentPoints(v), String(v)).toBe(Number(percent.format(v).replace(/[,%]/g, '')));
    expect(formatCell('success_rate_pct', 12.35)).toBe('12.4%');
  });

  it('say what is not a number', () => {
    expect(toGrouped(Number.NaN, 0)).toBe('NaN');
    expect(toGrouped(Number.POSITIVE_INFINITY, 2)).toBe('∞');
    expect(toPercentText(Number.NEGATIVE_INFINITY)).toBe('-∞%');
  });
});
