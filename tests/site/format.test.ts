import { describe, expect, it } from 'vitest';
import { formatCell, toColumnLabel } from '../../src/islands/party/format.ts';

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
