import type { ChartSpec, ViewSpec } from './views.ts';

/** The overview's trend: one point per month this party has (item_monthly of each month). */
export const TREND_SPEC: ChartSpec = {
  id: 'overview-trend',
  title: 'Success rate over the months, you and industry',
  dataset: 'item_monthly',
  mark: 'line',
  x: 'month',
  ys: ['success_rate', 'industry_success_rate'],
  columns: ['month', 'business_process', 'requests', 'success_rate', 'industry_success_rate'],
};

/** The page a reader lands on after sign-in. */
export const OVERVIEW: ViewSpec = {
  id: 'overview',
  title: 'Overview',
  kind: 'charts',
  intro: 'Headline figures per business process, your league positions and the serious incidents of the month.',
  trend: true,
  charts: [
    {
      id: 'overview-headlines',
      title: 'Success rate per business process, you and industry',
      dataset: 'item_monthly',
      mark: 'grouped',
      x: 'business_process',
      ys: ['success_rate', 'industry_success_rate'],
      shape: 'processHeadlines',
      note: 'Industry is pooled over the items whose industry figure is shown.',
    },
    { id: 'overview-league', title: 'Your league positions', dataset: 'league', mark: 'table', shape: 'leaguePositions' },
    { id: 'overview-incidents', title: 'Category 1 and 2 incidents this month', dataset: 'incidents', mark: 'table' },
  ],
};

/** Datasets the overview reads: opened as soon as the report unlocks, while the report code still loads. */
export const OVERVIEW_DATASETS: readonly string[] = [...new Set([TREND_SPEC.dataset, ...OVERVIEW.charts.map((c) => c.dataset)])];
