import { rollups, sum } from 'd3-array';
import type { Row } from '../../site/arrowRows.ts';
import { num, published, rate, toPct, type Shape } from './shapes.ts';

// The shapes of every view but the overview: a chunk of their own, fetched with the first chart that asks for one.

const MONTHLY_MEASURES = ['requests', 'successes', 'failures', 'no_response', 'success_rate'] as const;
/** Mean and median only: the industry has no best or worst, and a worst of hours would flatten the chart. */
const RTT_MEASURES = [
  ['mean', 'rtt_mean'],
  ['median', 'rtt_median'],
] as const;

/** One report item's month: measure, you, industry; your best and worst round-trip time last (no industry figure). */
const monthlyFigures: Shape = (rows) => {
  const row = rows[0];
  if (!row) return [];
  const own = (measure: string, column: string): Row => ({ measure, you: row[column] ?? null, industry: null });
  return [
    // A rate among counts reads as a percentage with one decimal (the table formats by column, not by row).
    ...MONTHLY_MEASURES.map((m) =>
      m === 'success_rate'
        ? { measure: 'success rate (%)', you: toPct(row[m]), industry: toPct(row[`industry_${m}`]) }
        : { measure: m.replace('_', ' '), you: row[m] ?? null, industry: row[`industry_${m}`] ?? null },
    ),
    ...(num(row.rtt_n) > 0 ? [own('best round-trip time (s)', 'rtt_min'), own('worst round-trip time (s)', 'rtt_max')] : []),
  ];
};

const rttStats: Shape = (rows) => {
  const row = rows[0];
  if (!row || num(row.rtt_n) === 0) return [];
  return RTT_MEASURES.map(([statistic, column]) => ({
    statistic,
    you_s: row[column] ?? null,
    industry_s: row[`industry_${column}`] ?? null,
  }));
};

/** Daily own cells summed per day and chosen split (meter type, region or SMETS); empty splits read "not a meter / none". */
const dailySplit: Shape = (rows, { split = 'region' }) =>
  rollups(
    rows.filter((r) => num(r.requests) > 0),
    (cells): Row => {
      const requests = sum(cells, (r) => num(r.requests));
      const failures = sum(cells, (r) => num(r.failures));
      return { requests, failures, success_rate: rate(requests - failures, requests) };
    },
    (r) => String(r.day),
    (r) => String(r[split] ?? 'none'),
  )
    .flatMap(([day, groups]) => groups.map(([value, figures]) => ({ day, [split]: value, ...figures })))
    .sort((a, b) => String(a.day).localeCompare(String(b.day)) || String(a[split]).localeCompare(String(b[split])));

const failuresByCode: Shape = (rows) =>
  rollups(
    rows,
    (g): Row => ({ failures: sum(g, (r) => num(r.failures)), no_response: sum(g, (r) => num(r.no_response)) }),
    (r) => (r.response_code === null ? 'no response' : String(r.response_code)),
  )
    .map(([response_code, figures]): Row => ({ response_code, ...figures }))
    .sort((a, b) => num(b.failures) - num(a.failures));

/** Signifier rows, the most failures first (a request without response is one of them); a long table shows only its first rows. */
const mostFailedFirst: Shape = (rows) => [...rows].sort((a, b) => num(b.failures) - num(a.failures));

/**
 * Root-cause slices, most excess failures first (where fixing pays most); slices without a comparison after, by failures.
 * A slice with neither failures nor a comparison tells nothing about where failures come from and is left out.
 */
export const excessFirst: Shape = (rows) =>
  rows
    .filter((r) => num(r.failures) > 0 || typeof r.excess_failures === 'number')
    .sort(
      (a, b) =>
        (typeof b.excess_failures === 'number' ? b.excess_failures : -Infinity) -
          (typeof a.excess_failures === 'number' ? a.excess_failures : -Infinity) || num(b.failures) - num(a.failures),
    );

/** Inventory of one device type: volumes per model (or firmware), own and industry. */
const volumesBy =
  (column: 'model' | 'firmware'): Shape =>
  (rows) =>
    rollups(
      rows,
      (g): Row => ({
        devices: sum(g, (r) => num(r.devices)),
        industry_devices: g.some(published) ? sum(g.filter(published), (r) => num(r.industry_devices)) : null,
      }),
      (r) => String(r[column]),
    )
      .map(([value, figures]): Row => ({ [column]: value, ...figures }))
      .sort((a, b) => num(b.devices) - num(a.devices));

/** One model's firmware mix: you, industry, and the other parties pooled (industry minus you), as shares of the model. */
const firmwareMix: Shape = (rows) => {
  const own = sum(rows, (r) => num(r.devices));
  const all = rows.every(published);
  const industry = all ? sum(rows, (r) => num(r.industry_devices)) : 0;
  const out: Row[] = rows.map((r) => ({
    who: 'You',
    firmware: r.firmware ?? null,
    devices: num(r.devices),
    share: rate(num(r.devices), own),
  }));
  if (all && industry > 0) {
    for (const r of rows)
      out.push({
        who: 'Industry',
        firmware: r.firmware ?? null,
        devices: num(r.industry_devices),
        share: rate(num(r.industry_devices), industry),
      });
    for (const r of rows) {
      const others = num(r.industry_devices) - num(r.devices);
      out.push({ who: 'Other Users', firmware: r.firmware ?? null, devices: others, share: rate(others, industry - own) });
    }
  }
  return out.filter((r) => num(r.devices) > 0);
};

/** Each other User's firmware shares of the picked model, one bar per numbered peer. */
const peerMix: Shape = (rows) =>
  [...rows]
    .sort((a, b) => num(a.peer) - num(b.peer))
    .map((r) => ({ who: `User ${num(r.peer)}`, firmware: r.firmware ?? null, share: num(r.share) }));

const cosShares: Shape = (rows) => {
  const r = rows[0];
  if (!r) return [];
  const pub = published(r);
  return [
    { measure: 'gains', you: num(r.gains), industry: pub ? num(r.industry_gains) : null },
    {
      measure: 'read in 30 days before',
      you: rate(num(r.prior_read), num(r.gains)),
      industry: pub ? rate(num(r.industry_prior_read), num(r.industry_gains)) : null,
    },
    {
      measure: 'old supplier sent 8.14',
      you: rate(num(r.old_sent_814), num(r.gains)),
      industry: pub ? rate(num(r.industry_old_sent_814), num(r.industry_gains)) : null,
    },
  ];
};

const n42Rate: Shape = (rows) =>
  rows.map((r) => ({
    supplier: r.supplier_name ?? 'no supplier registered',
    n16: r.n16 ?? 0,
    n42_within_window: r.n42_within_window ?? 0,
    n42_rate: rate(num(r.n42_within_window), num(r.n16)),
  }));

const alertDaily: Shape = (rows) =>
  [...rows]
    .sort((a, b) => String(a.day).localeCompare(String(b.day)))
    .map((r) => ({
      day: r.day ?? null,
      delivered: r.delivered ?? null,
      failed: r.failed ?? null,
      industry_delivered: r.industry_delivered ?? null,
      delivery_median: r.delivery_median ?? null,
    }));

export const VIEW_SHAPES = {
  monthlyFigures,
  rttStats,
  dailySplit,
  failuresByCode,
  mostFailedFirst,
  excessFirst,
  modelVolumes: volumesBy('model'),
  firmwareVolumes: volumesBy('firmware'),
  firmwareMix,
  peerMix,
  cosShares,
  n42Rate,
  alertDaily,
} satisfies Record<string, Shape>;
export type ViewShapeName = keyof typeof VIEW_SHAPES;
