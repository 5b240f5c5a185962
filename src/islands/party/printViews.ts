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

/** Rows a printed table keeps where the full list belongs in a CSV (causes, response codes). */
export const PRINT_TOP_ROWS = 5;

/** The name a data file of the report downloads under (Downloads page): `<month>-<dataset>.csv`. */
export const toDataFile = (month: string, name: string): string => `${month}-${name}.csv`;
const everyRowIn = (file: string): string => `Every row is in ${file} (Downloads page).`;

/** Top root causes of a role across its processes (the opening pages), or of one process. */
export function toCausesChart(id: string, title: string, month: string, where?: ChartSpec['where'], limit = PRINT_TOP_ROWS): ChartSpec {
  return {
    id,
    title,
    dataset: 'root_causes',
    where,
    mark: 'table',
    shape: 'topCauses',
    limit,
    empty: 'No slice with more failures than the other Users\u2019 rate would give.',
    note: `Excess failures: yours minus what the other Users\u2019 failure rate in the same slice would give for your requests. ${everyRowIn(toDataFile(month, 'root_causes'))}`,
  };
}

/** One business process in print: the item table (own vs industry), top causes and response codes, derived items. */
function processCharts(bp: string, items: readonly ReportItem[], views: readonly ViewSpec[], month: string): ChartSpec[] {
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
      empty: `No requests this month for ${srv.map((i) => `${i.srvs.join(', ')} ${i.description}`).join('; ')}.`,
      note: `Day by day per item, region, meter type and SMETS: ${toDataFile(month, 'item_daily')}; anonymised peers per item: ${toDataFile(month, 'item_peers')} (Downloads page).`,
    },
    toCausesChart(`print-${id}-causes`, `${bp}: where your failures come from, most excess first`, month, where),
    {
      id: `print-${id}-codes`,
      title: `${bp}: failures by response code, most first`,
      dataset: 'item_codes',
      itemIds: srv.map((i) => i.id),
      mark: 'table',
      shape: 'failuresByCode',
      limit: PRINT_TOP_ROWS,
      empty: 'No failures this month.',
      note: `Per item, day and signifier (model, firmware, region, meter type, SMETS, command variant): ${month}-failures.csv (Downloads page).`,
    },
    ...derived,
  ];
}

const leaguePositions = (month: string): ChartSpec => ({
  id: 'print-league-positions',
  title: 'Your place in each league',
  dataset: 'league',
  mark: 'table',
  shape: 'leaguePositions',
  keepSuppressed: true,
  note: `Every User\u2019s success rate per process, ranked and anonymised: ${toDataFile(month, 'league')} (Downloads page).`,
});

const inventoryChart = (suffix: string, title: string, chart: Pick<ChartSpec, 'mark' | 'x' | 'y' | 'shape'>): ChartSpec => ({
  id: `print-inventory-${suffix}`,
  title,
  dataset: 'inventory',
  ...chart,
});

/**
 * The printed report for one role: every section of the microsite as a compact report. Tables carry the month's
 * figures; long lists (daily rows, every slice, every peer) are named by the CSV file that holds them.
 */
export function buildPrintViews(role: ReportRole, allItems: readonly ReportItem[], month: string): ViewSpec[] {
  const views = buildViews(role, allItems).filter((v) => v.kind === 'charts');
  const items = allItems.filter((i) => i.roles.includes(role));
  return views.map((view): ViewSpec => {
    if (view.id === 'inventory')
      return {
        ...view,
        charts: [
          inventoryChart('chart', 'Devices by model', { mark: 'bar', x: 'model', y: 'devices', shape: 'modelVolumes' }),
          inventoryChart('models', 'Devices by device type and model, you and industry', { mark: 'table', shape: 'modelTable' }),
          {
            ...inventoryChart('firmware', 'Devices by model and firmware, you and industry', { mark: 'table', shape: 'firmwareTable' }),
            note: `Every device: ${month}-inventory-devices.csv; the firmware mix of each other User (anonymised): ${toDataFile(month, 'inventory_peers')} (Downloads page).`,
          },
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
          ...view.charts
            .filter((c) => c.id === 'alerts-monthly')
            .map((c) => ({
              ...c,
              downloadsPer: undefined,
              downloadsFrom: undefined,
              note: `Day by day, you and industry: ${toDataFile(month, 'alerts_daily')}; every alert of a code: ${month}-alerts-<code>.csv (Downloads page).`,
            })),
        ],
      };
    // "Where you stand", top causes and incidents open the printed report; here the chart of every process.
    if (view.id === 'overview')
      return { ...view, intro: undefined, standing: false, charts: view.charts.filter((c) => c.id === 'overview-headlines') };
    if (view.id === 'league') return { ...view, intro: undefined, withheldLast: false, charts: [leaguePositions(month)] };
    if (view.process) return { ...view, charts: processCharts(view.process.name, items, views, month) };
    return view;
  });
}
