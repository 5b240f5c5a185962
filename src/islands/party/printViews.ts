import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { buildViews, toId, type ChartSpec, type ViewSpec } from './views.ts';

const ITEM_COLUMNS = [
  'item',
  'status',
  'requests',
  'failures',
  'success_rate',
  'industry_success_rate',
  'rtt_mean_s',
  'industry_rtt_mean_s',
  'rtt_median_s',
  'industry_rtt_median_s',
];

/** One business process in print: the item table (own vs industry), one chart, failures by code, derived items as tables. */
function processCharts(bp: string, items: readonly ReportItem[], views: readonly ViewSpec[]): ChartSpec[] {
  const id = toId(bp);
  const where = { business_process: bp };
  const srv = items.filter((i) => i.businessProcess === bp && i.kind === 'srv');
  const derivedIds = new Set(items.filter((i) => i.businessProcess === bp && i.kind === 'derived').map((i) => toId(i.id)));
  const derived = (views.find((v) => v.id === `bp-${id}`)?.charts ?? []).filter((c) =>
    [...derivedIds].some((d) => c.id === d || c.id.startsWith(`${d}-`)),
  );
  if (srv.length === 0) return derived;
  return [
    {
      id: `print-${id}-items`,
      title: `${bp}: every report item, you and industry`,
      dataset: 'item_monthly',
      where,
      mark: 'table',
      shape: 'itemSummary',
      columns: ITEM_COLUMNS,
    },
    {
      id: `print-${id}-rates`,
      title: `${bp}: success rate per item, you and industry`,
      dataset: 'item_monthly',
      where,
      mark: 'grouped',
      x: 'srv',
      ys: ['success_rate', 'industry_success_rate'],
      shape: 'itemSummary',
      columns: ['srv', 'success_rate', 'industry_success_rate'],
    },
    {
      id: `print-${id}-causes`,
      title: `${bp}: where your failures come from, most excess first`,
      dataset: 'root_causes',
      where,
      mark: 'table',
      shape: 'topCauses',
      empty: 'No slice with more failures than the other Users\u2019 rate would give.',
      note: 'Excess failures: yours minus what the other Users\u2019 failure rate in the same slice would give for your requests. Every slice is in the microsite and its CSV.',
    },
    {
      id: `print-${id}-codes`,
      title: `${bp}: failures by response code`,
      dataset: 'item_failures',
      itemIds: srv.map((i) => i.id),
      mark: 'table',
      shape: 'itemFailureCodes',
      empty: 'No failures this month.',
    },
    ...derived,
  ];
}

const inventoryChart = (suffix: string, title: string, chart: Pick<ChartSpec, 'mark' | 'x' | 'y' | 'shape'>): ChartSpec => ({
  id: `print-inventory-${suffix}`,
  title,
  dataset: 'inventory',
  ...chart,
});

/**
 * The printed report for one role: every section of the microsite as a compact report. Tables carry every figure;
 * one chart per business process; daily detail stays in the microsite and the CSV downloads.
 */
export function buildPrintViews(role: ReportRole, allItems: readonly ReportItem[]): ViewSpec[] {
  const views = buildViews(role, allItems).filter((v) => v.kind === 'charts');
  const items = allItems.filter((i) => i.roles.includes(role));
  return views.map((view): ViewSpec => {
    if (view.id === 'inventory')
      return {
        ...view,
        charts: [
          inventoryChart('chart', 'Devices by model', { mark: 'bar', x: 'model', y: 'devices', shape: 'modelVolumes' }),
          inventoryChart('models', 'Devices by device type and model, you and industry', { mark: 'table', shape: 'modelTable' }),
          inventoryChart('firmware', 'Devices by model and firmware, you and industry', { mark: 'table', shape: 'firmwareTable' }),
        ],
      };
    if (view.id === 'alerts')
      return {
        ...view,
        charts: [
          {
            id: 'print-alerts-chart',
            title: 'Alerts delivered this month per code, you and industry',
            dataset: 'alerts_monthly',
            mark: 'grouped',
            x: 'alert_code',
            ys: ['delivered', 'industry_delivered'],
            columns: ['alert_code', 'delivered', 'industry_delivered'],
          },
          ...view.charts.filter((c) => c.id === 'alerts-monthly').map((c) => ({ ...c, downloadsPer: undefined, downloadsFrom: undefined })),
        ],
      };
    // "Where you stand" opens the printed report, per role, before the contents.
    if (view.id === 'overview') return { ...view, standing: false };
    if (view.id === 'league') return { ...view, charts: view.charts.map((c) => ({ ...c, mark: 'table' as const })) };
    if (view.process) return { ...view, charts: processCharts(view.process.name, items, views) };
    return view;
  });
}
