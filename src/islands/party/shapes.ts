import { ascending, rollups, sum } from 'd3-array';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { PrintShapeName } from './printShapes.ts';
import type { Cell, Row } from '../../site/arrowRows.ts';
import { toPercentPoints } from './format.ts';

/** Pure reshaping of a chart's selected rows into what it draws and tabulates. Counts are summed, rates recomputed. */
export type Shape = (rows: readonly Row[], options: ShapeOptions) => Row[];
export interface ShapeOptions {
  split?: string;
  /** Report items of the role, in registry order (item labels and order in print tables). */
  items?: readonly ReportItem[];
}

export const num = (v: Cell | undefined): number => (typeof v === 'number' ? v : 0);
const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
/** A rate (0–1) as percent rounded to 0.1 (for differences, percentage points). */
export const toPct = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? toPercentPoints(v) : null);
export const published = (r: Row): boolean => r.industry_status === 'published';

/** Per business process: own success rate vs industry, industry pooled over the items whose industry figure is published. */
const processHeadlines: Shape = (rows) =>
  rollups(
    rows,
    (items): Row => {
      const shown = items.filter(published);
      const requests = sum(items, (r) => num(r.requests));
      const industryRequests = sum(shown, (r) => num(r.industry_requests));
      return {
        requests,
        failures: sum(items, (r) => num(r.failures)),
        success_rate: rate(
          sum(items, (r) => num(r.successes)),
          requests,
        ),
        industry_success_rate:
          shown.length > 0
            ? rate(
                sum(shown, (r) => num(r.industry_successes)),
                industryRequests,
              )
            : null,
        items_compared: `${shown.length} of ${items.length}`,
      };
    },
    (r) => String(r.business_process),
  ).map(([business_process, figures]) => ({ business_process, ...figures }));

/** Own place in each league: rank among the ranked parties; a league not published reads so, after the published ones. */
const leaguePositions: Shape = (rows) =>
  rollups(
    rows,
    (entries): Row => {
      const own = entries.find((r) => r.is_you === true);
      const ranked = entries.filter((r) => r.status === 'published').length;
      return {
        status: ranked > 0 ? 'published' : 'not published',
        rank: own?.rank ?? null,
        ranked_parties: ranked > 0 ? ranked : null,
        success_rate_pct: own?.success_rate_pct ?? null,
      };
    },
    (r) => String(r.business_process),
  )
    .map(([business_process, figures]): Row => ({ business_process, ...figures }))
    .sort((a, b) => Number(a.status !== 'published') - Number(b.status !== 'published'));

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

/** Incidents in the order they were opened (their ids need not be). */
const byOpening: Shape = (rows) =>
  [...rows].sort((a, b) => ascending(String(a.opened_at), String(b.opened_at)) || ascending(String(a.incident_id), String(b.incident_id)));

export const SHAPES = {
  processHeadlines,
  leaguePositions,
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
  byOpening,
} satisfies Record<string, Shape>;
/** The print report's shapes live in their own chunk (printShapes.ts), fetched only when a chart asks for one. */
export type ShapeName = keyof typeof SHAPES | PrintShapeName;

export const toColumns = (rows: readonly Row[], fallback: readonly string[]): string[] => (rows[0] ? Object.keys(rows[0]) : [...fallback]);
