import type { ViewSpec } from './views.ts';

/** The page a reader lands on after sign-in. */
export const OVERVIEW: ViewSpec = {
  id: 'overview',
  title: 'Overview',
  kind: 'charts',
  intro: 'Where you stand against industry per business process, your league positions and the serious incidents of the month.',
  standing: true,
  charts: [
    {
      id: 'overview-headlines',
      title: 'Success rate per business process, you and industry',
      dataset: 'item_monthly',
      mark: 'dots',
      x: 'business_process',
      ys: ['success_rate', 'industry_success_rate'],
      shape: 'processHeadlines',
      note: 'Processes furthest below industry first. Industry is pooled over the items whose industry figure is shown.',
    },
    {
      id: 'overview-league',
      title: 'Your league positions',
      dataset: 'league',
      mark: 'table',
      shape: 'leaguePositions',
      keepSuppressed: true,
    },
    {
      id: 'overview-incidents',
      title: 'Category 1 and 2 incidents this month',
      dataset: 'incidents',
      mark: 'table',
      shape: 'byOpening',
    },
  ],
};

/** Datasets the overview reads: opened as soon as the report unlocks, while the report code still loads. */
export const OVERVIEW_DATASETS: readonly string[] = [...new Set(OVERVIEW.charts.map((c) => c.dataset))];
