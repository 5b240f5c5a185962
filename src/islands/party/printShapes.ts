import { rollup, rollups, sum } from 'd3-array';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { Row } from '../../site/arrowRows.ts';
import { toColumnLabel } from './format.ts';
import { num, published, type Shape } from './shapes.ts';
import { excessFirst } from './viewShapes.ts';

// Shapes of the print report only: loaded on demand (DatasetChart), so the screen's first view does not carry them.

/** Rows whose slice is not recorded, keyed by their item, requests and failures; undefined for the others. */
const notRecordedKey = (r: Row): string | undefined =>
  typeof r.slice === 'string' && r.slice.endsWith(' not recorded')
    ? `${String(r.item_id)}\u0000${num(r.requests)}\u0000${num(r.failures)}`
    : undefined;

/**
 * Requests without a device record miss every device slice at once (model, firmware, meter type, region, SMETS):
 * across dimensions they are one row, not one per dimension. Slices that are not recorded with the same item,
 * requests and failures are taken to be those requests.
 */
function mergeNotRecorded(rows: readonly Row[]): Row[] {
  const keys = rows.map(notRecordedKey);
  const repeats = rollup(
    keys.filter((k) => k !== undefined),
    (v) => v.length,
    (k) => k,
  );
  const kept = new Set<string>();
  return rows.flatMap((r, i) => {
    const key = keys[i];
    if (key === undefined || (repeats.get(key) ?? 0) < 2) return [r];
    if (kept.has(key)) return [];
    kept.add(key);
    return [{ ...r, dimension: 'device', slice: 'No device record' }];
  });
}

/** The ten slices of a process with the most excess failures, for print (the screen picks a dimension). */
const topCauses: Shape = (rows, options) =>
  mergeNotRecorded(excessFirst(rows, options))
    .filter((r) => typeof r.excess_failures === 'number' && r.excess_failures > 0)
    .slice(0, 10)
    .map((r) => ({
      srv: r.srv ?? null,
      dimension: toColumnLabel(String(r.dimension)),
      slice: r.slice ?? null,
      requests: r.requests ?? null,
      failures: r.failures ?? null,
      failure_rate: r.failure_rate ?? null,
      industry_failure_rate: r.industry_failure_rate ?? null,
      excess_failures: r.excess_failures ?? null,
    }));

const srvOf = (id: string): string => id.replace(/^[A-Z]+-/, '');
const itemOrder = (items: readonly ReportItem[] = []) => {
  const at = new Map(items.map((item, i) => [item.id, i]));
  return (r: Row): number => at.get(String(r.item_id)) ?? items.length;
};
const itemLabel = (items: readonly ReportItem[] = [], id: string): string => {
  const item = items.find((i) => i.id === id);
  return item ? `${srvOf(id)} ${item.description}` : srvOf(id);
};

/** One row per report item: own vs industry month figures, in registry order. */
const itemSummary: Shape = (rows, { items }) => {
  const order = itemOrder(items);
  return [...rows]
    .sort((a, b) => order(a) - order(b))
    .map((r) => ({
      item: itemLabel(items, String(r.item_id)),
      srv: srvOf(String(r.item_id)),
      status: r.status === 'no_activity' ? 'no activity' : (r.status ?? null),
      requests: r.requests ?? null,
      failures: r.failures ?? null,
      success_rate: r.success_rate ?? null,
      industry_success_rate: r.industry_success_rate ?? null,
      rtt_mean_s: r.rtt_mean ?? null,
      industry_rtt_mean_s: r.industry_rtt_mean ?? null,
      rtt_median_s: r.rtt_median ?? null,
      industry_rtt_median_s: r.industry_rtt_median ?? null,
    }));
};

/** Failures per report item and response code, in registry order, most failures first. */
const itemFailureCodes: Shape = (rows, { items }) => {
  const order = itemOrder(items);
  return rollups(
    rows,
    (g): Row => ({ failures: sum(g, (r) => num(r.failures)), no_response: sum(g, (r) => num(r.no_response)), _order: order(g[0] as Row) }),
    (r) => String(r.item_id),
    (r) => (r.response_code === null ? 'no response' : String(r.response_code)),
  )
    .flatMap(([id, codes]) => codes.map(([response_code, f]): Row => ({ item: itemLabel(items, id), response_code, ...f })))
    .sort((a, b) => num(a._order) - num(b._order) || num(b.failures) - num(a.failures))
    .map(({ _order, ...r }) => r);
};

/** Own and industry devices per device type and model (or model and firmware). */
const estateTable =
  (keys: readonly ('device_type' | 'model' | 'firmware')[]): Shape =>
  (rows) =>
    rollups(
      rows,
      (g): Row => ({
        devices: sum(g, (r) => num(r.devices)),
        industry_devices: g.every(published) ? sum(g, (r) => num(r.industry_devices)) : null,
      }),
      (r) => keys.map((k) => String(r[k])).join('\u0000'),
    )
      .map(([key, figures]): Row => ({ ...Object.fromEntries(key.split('\u0000').map((v, i) => [keys[i], v])), ...figures }))
      .filter((r) => num(r.devices) > 0 || num(r.industry_devices) > 0)
      .sort((a, b) => keys.reduce((c, k) => c || String(a[k]).localeCompare(String(b[k])), 0));

export const PRINT_SHAPES = {
  itemSummary,
  itemFailureCodes,
  modelTable: estateTable(['device_type', 'model']),
  firmwareTable: estateTable(['device_type', 'model', 'firmware']),
  topCauses,
} satisfies Record<string, Shape>;
export type PrintShapeName = keyof typeof PRINT_SHAPES;
