import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import type { Cell } from '../../site/arrowRows.ts';
import { toPartId } from '../../shared/datasetParts.ts';
import { OVERVIEW } from './overview.ts';
import type { ShapeName } from './shapes.ts';

/** One chart over one named dataset. Filters apply only to columns the dataset has. */
export interface ChartSpec {
  id: string;
  title: string;
  dataset: string;
  where?: Record<string, Cell>;
  /** The business process part to read of a dataset sealed in parts (a process page's charts): no other process's rows load. */
  part?: string;
  /** Only rows of these report items (a business process's items in print). */
  itemIds?: string[];
  /** dots: two measures (you, industry) per x as dots on a fitted axis; bar: y by x; grouped: several measures (ys) side by side per x; stacked: y by x coloured by series; mix: horizontal shares. */
  mark: 'dots' | 'bar' | 'grouped' | 'stacked' | 'line' | 'band' | 'mix' | 'table';
  /** item_peers, inventory_peers and league hold rows only where the comparison is published: no rows means suppressed. */
  emptyMeans?: 'suppressed';
  /** Keep the suppressed rows for the shape (league positions list a league that is not published as such). */
  keepSuppressed?: boolean;
  x?: string;
  y?: string;
  ys?: string[];
  /** The y axis's label when several measures share it and the first one's name would not say what they count. */
  yLabel?: string;
  series?: string;
  columns?: string[];
  note?: string;
  shape?: ShapeName;
  /** The reader picks the series of a daily chart among these columns. */
  splits?: string[];
  /** The reader picks one value of this column (alert code, device type, model) before the shape runs. */
  pick?: string;
  /** The picker's values in this order first (the first one is the default), then the others alphabetically. */
  pickOrder?: readonly string[];
  /** The reader picks the measure drawn among these columns. */
  measures?: string[];
  /** Draw the month's Category 1–2 incidents as bands (daily charts). */
  incidents?: boolean;
  /** Colour the recipient's own bar and label it "You". */
  highlightYou?: boolean;
  /** Offer one CSV per distinct value of this column (alert downloads per code). */
  downloadsPer?: string;
  /** Dataset whose rows those per-value files hold. */
  downloadsFrom?: string;
  /** The guidance section defining the figures (a path under the month's guidance/), linked under the title. */
  guide?: { href: string; label: string };
  /** What to say when the party has no rows for the chart (default: no activity). */
  empty?: string;
  /** Root-cause rows lead to the failure signifier rows of their SRV and slice (a process page's drill-down). */
  drill?: boolean;
  /** Print: only the first rows after shaping; the note names the file holding every row. */
  limit?: number;
}

export interface ViewSpec {
  id: string;
  title: string;
  kind: 'charts' | 'explore' | 'downloads';
  intro?: string;
  /** Open with "where you stand": rates, differences, ranks and changes per business process. */
  standing?: boolean;
  /** A business process page: the process and its report items of the role. */
  process?: { name: string; itemIds: string[] };
  /** The charts (all of one dataset) that show nothing this month are listed together after the others. */
  withheldLast?: boolean;
  charts: ChartSpec[];
}

/** The same slug as a business process's dataset part. */
export const toId = toPartId;

const NO_FAILURES = 'No failures this month.';
const CAUSE_FIGURES = ['requests', 'failures', 'failure_rate', 'industry_failure_rate', 'expected_failures', 'excess_failures'];
const CAUSES = {
  pick: 'dimension',
  pickOrder: ['model', 'firmware', 'meter_type', 'region', 'smets'],
  mark: 'table',
  shape: 'excessFirst',
  empty: NO_FAILURES,
  drill: true,
  note: 'Excess failures are yours minus what the other Users\u2019 failure rate in the same slice would give for your requests: the top rows are where fixing things pays most. No industry rate where too few Users share the slice; a slice with no failures and no industry rate is not listed. \u201cShow\u201d under Failure rows lists the failure signifier rows of that SRV and slice.',
} as const;

/** Every SRV's slices of a business process in one table, most excess first: where to start. */
const allCauses = (bp: string): ChartSpec => ({
  id: `${toId(bp)}-all-causes`,
  title: `${bp}: where your failures come from, all SRVs`,
  dataset: 'root_causes',
  where: { business_process: bp },
  ...CAUSES,
  columns: ['srv', 'slice', ...CAUSE_FIGURES],
});
const DAILY_SPLITS = ['region', 'meter_type', 'smets'];

type DerivedChart = Omit<ChartSpec, 'id' | 'title'>;
const COS_SHARES: DerivedChart = { dataset: 'cos_gain', mark: 'table', shape: 'cosShares' };
/** Derived items drawn as one chart of their own; any other derived item shows its datasets as tables. */
const DERIVED_CHARTS: Readonly<Record<string, DerivedChart>> = {
  'IC-NO-READ-30D': {
    dataset: 'no_read_30d',
    where: { item_id: 'IC-NO-READ-30D' },
    mark: 'grouped',
    x: 'role',
    ys: ['not_read_rate', 'industry_not_read_rate'],
  },
  'IC-INSTALLS-VS-PREDICTED': {
    dataset: 'installs_daily',
    mark: 'band',
    x: 'day',
    y: 'installs',
    incidents: true,
    columns: ['day', 'installs', 'predicted', 'predicted_low', 'predicted_high', 'prediction_status', 'history_weeks'],
    note: 'The band is the prediction ± 2 standard deviations, from the same weekday over the previous 8 weeks.',
  },
  'IC-8.14.1-VS-8.14.2': {
    dataset: 'installs_daily',
    mark: 'line',
    x: 'day',
    ys: ['n_8141', 'n_8142'],
    yLabel: 'Successful installs (count)',
    incidents: true,
    columns: ['day', 'n_8141', 'n_8142', 'installs'],
  },
  'COS-READ-30D-PRIOR': COS_SHARES,
  'COS-OLD-SUPPLIER-8.14': COS_SHARES,
};

function derivedCharts(item: ReportItem): ChartSpec[] {
  const id = toId(item.id);
  const chart = DERIVED_CHARTS[item.id];
  if (chart) return [{ id, title: item.description, ...chart }];
  return item.datasets.map((dataset) => ({ id: `${id}-${dataset}`, title: item.description, dataset, mark: 'table' as const }));
}

function itemCharts(item: ReportItem): ChartSpec[] {
  if (item.kind === 'derived') return derivedCharts(item);
  const where = { item_id: item.id };
  const id = toId(item.id);
  const name = `${item.srvs.join(', ')} ${item.description}`;
  const about = (suffix: string, title: string, dataset: string) => ({ id: `${id}-${suffix}`, title: `${name}: ${title}`, dataset, where });
  return [
    {
      ...about('monthly', 'the month, you and industry', 'item_monthly'),
      mark: 'table',
      shape: 'monthlyFigures',
      note: 'Industry is every other User together; a dash where too few Users sent requests to publish it.',
    },
    {
      ...about('peers', 'success rate, you among anonymised peers', 'item_peers'),
      mark: 'bar',
      x: 'rank',
      y: 'success_rate_pct',
      highlightYou: true,
      emptyMeans: 'suppressed',
      columns: ['rank', 'success_rate_pct', 'rtt_mean'],
      note: 'One dot per User with at least 1,000 requests of the item, best first; yours is the larger blue dot, labelled \u201cYou\u201d.',
    },
    {
      ...about('rtt', 'round-trip time, you and industry', 'item_monthly'),
      mark: 'grouped',
      x: 'statistic',
      ys: ['you_s', 'industry_s'],
      shape: 'rttStats',
      note: 'Your best and worst times are in the table above; the industry has none: each is one User\u2019s request.',
    },
    {
      ...about('daily', 'day by day', 'item_daily'),
      mark: 'stacked',
      x: 'day',
      y: 'requests',
      series: 'region',
      splits: DAILY_SPLITS,
      measures: ['requests', 'failures'],
      incidents: true,
      shape: 'dailySplit',
      note: 'Shaded days had a Category 1 or 2 incident.',
    },
    {
      ...about('codes', 'failures by response code', 'item_codes'),
      mark: 'bar',
      x: 'response_code',
      y: 'failures',
      shape: 'failuresByCode',
      empty: NO_FAILURES,
    },
    {
      ...about('causes', 'where your failures come from', 'root_causes'),
      ...CAUSES,
      columns: ['slice', ...CAUSE_FIGURES, 'excess_rank'],
    },
    {
      ...about('signifiers', 'failures with their signifiers', 'item_failures'),
      mark: 'table',
      shape: 'mostFailedFirst',
      empty: NO_FAILURES,
      // the count the rows are sorted by comes first, where a narrow page still shows it; "No response" names the
      // rows without a code, so the no-response count is left to the CSV
      columns: [
        'failures',
        'day',
        'response_code',
        'response_name',
        'model',
        'firmware',
        'region',
        'meter_type',
        'smets',
        'command_variant',
      ],
    },
  ];
}

/** Business processes of the role, in registry order. */
export const toProcesses = (items: readonly ReportItem[]): string[] => [...new Set(items.map((i) => i.businessProcess))];

/** The navigation of a party microsite for one role: each page is a list of chart specs over named datasets. */
export function buildViews(role: ReportRole, allItems: readonly ReportItem[]): ViewSpec[] {
  const items = allItems.filter((i) => i.roles.includes(role));
  const processes = toProcesses(items);
  const views: ViewSpec[] = [
    OVERVIEW,
    {
      id: 'inventory',
      title: 'Inventory',
      kind: 'charts',
      intro: 'Your devices at the end of the month, by device type, model and firmware.',
      charts: [
        {
          id: 'inventory-models',
          title: 'Devices by model',
          dataset: 'inventory',
          pick: 'device_type',
          mark: 'bar',
          x: 'model',
          y: 'devices',
          shape: 'modelVolumes',
        },
        {
          id: 'inventory-firmware',
          title: 'Devices by firmware',
          dataset: 'inventory',
          pick: 'device_type',
          mark: 'bar',
          x: 'firmware',
          y: 'devices',
          shape: 'firmwareVolumes',
        },
        {
          id: 'inventory-mix',
          title: 'Firmware mix of one model: you, industry and other Users',
          dataset: 'inventory',
          pick: 'model',
          mark: 'mix',
          x: 'share',
          y: 'who',
          series: 'firmware',
          shape: 'firmwareMix',
        },
        {
          id: 'inventory-peers',
          title: 'Firmware mix of one model at each other User (anonymised)',
          dataset: 'inventory_peers',
          pick: 'model',
          mark: 'mix',
          x: 'share',
          y: 'who',
          series: 'firmware',
          shape: 'peerMix',
          emptyMeans: 'suppressed',
          note: 'Numbers change every month and model, and say nothing of size or name. Shares are rounded to 0.1 pp. Models with too few other Users or a firmware hidden from you, and Users with fewer than 1,000 devices of the model, are left out.',
        },
      ],
    },
    ...processes.map((bp): ViewSpec => {
      const guide = { href: `reporting-contents/#${toId(bp)}`, label: `How ${bp} is measured` };
      const own = items.filter((i) => i.businessProcess === bp);
      const srvs = own.some((i) => i.kind === 'srv') ? [allCauses(bp)] : [];
      const charts = [...srvs, ...own.flatMap(itemCharts)].map((c) => ({ ...c, guide, part: toId(bp) }));
      return { id: `bp-${toId(bp)}`, title: bp, kind: 'charts', process: { name: bp, itemIds: own.map((i) => i.id) }, charts };
    }),
    {
      id: 'alerts',
      title: 'Alerts',
      kind: 'charts',
      charts: [
        {
          id: 'alerts-monthly',
          title: 'Alerts this month per code, you and industry',
          dataset: 'alerts_monthly',
          mark: 'table',
          downloadsPer: 'alert_code',
          downloadsFrom: 'alerts_daily',
          columns: [
            'alert_code',
            'delivered',
            'failed',
            'delivery_median',
            'delivery_mean',
            'delivery_max',
            'industry_delivered',
            'industry_failed',
            'industry_delivery_median',
          ],
        },
        {
          id: 'alerts-daily',
          title: 'Alerts delivered per day, you and industry',
          dataset: 'alerts_daily',
          pick: 'alert_code',
          mark: 'line',
          x: 'day',
          ys: ['delivered', 'industry_delivered'],
          incidents: true,
          shape: 'alertDaily',
        },
      ],
    },
  ];
  if (role === 'ED') {
    views.push({
      id: 'ed-extras',
      title: 'Network operator extras',
      kind: 'charts',
      charts: [
        {
          id: 'ed-n13-n55',
          title: 'N13 and N55 by model, coloured by meter type',
          dataset: 'ed_alert_counts',
          pick: 'alert_code',
          mark: 'stacked',
          x: 'model',
          y: 'alerts',
          series: 'meter_type',
        },
        {
          id: 'ed-n16-n42',
          title: 'N42 within 7 days of N16, by energy supplier',
          dataset: 'ed_n16_n42',
          mark: 'bar',
          x: 'supplier',
          y: 'n42_rate',
          shape: 'n42Rate',
        },
        {
          id: 'ed-outages',
          title: 'Power outages (AD1) by region: restored or not',
          dataset: 'ed_outages',
          mark: 'grouped',
          x: 'region',
          ys: ['restored', 'not_restored'],
          yLabel: 'Power outages (count)',
        },
      ],
    });
  }
  views.push(
    {
      id: 'league',
      title: 'League tables',
      kind: 'charts',
      withheldLast: true,
      intro: 'Every User with at least 1,000 requests in the process, and you, ranked by success rate; only your own row is marked.',
      charts: processes
        .filter((bp) => items.some((i) => i.businessProcess === bp && i.kind === 'srv'))
        .map((bp) => ({
          id: `league-${toId(bp)}`,
          title: `League: ${bp}`,
          dataset: 'league',
          where: { business_process: bp },
          mark: 'bar' as const,
          x: 'rank',
          y: 'success_rate_pct',
          highlightYou: true,
          columns: ['rank', 'success_rate_pct'],
        })),
    },
    { id: 'explore', title: 'Explore', kind: 'explore', charts: [] },
    { id: 'downloads', title: 'Downloads', kind: 'downloads', charts: [] },
  );
  return views;
}
