import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { DatasetChart } from './DatasetChart.tsx';
import { Insights } from './Insights.tsx';
import { lazyView } from './lazyView.tsx';
import { LoadFailure } from './LoadFailure.tsx';
import { StandingSection } from './Standing.tsx';
import type { UnlockedReport } from './unlock.ts';
import type { ViewSpec } from './views.ts';

const LOADING = (
  <p role="status" data-pending="true">
    Loading…
  </p>
);
const FAILED_VIEW = { message: 'This page could not be loaded. Check your connection, then try again.', retry: true };
const FAILED = (retry: () => void) => <LoadFailure failure={FAILED_VIEW} onRetry={retry} />;

// Explore (filters, histogram merging), Downloads and the process pages (SRV picker, drill-down) are not the first
// view: each loads when first opened.
const Explore = lazyView(() => import('./Explore.tsx').then((m) => m.Explore), LOADING, FAILED);
const Downloads = lazyView(() => import('./Downloads.tsx').then((m) => m.Downloads), LOADING, FAILED);
const ProcessCharts = lazyView(() => import('./ProcessCharts.tsx').then((m) => m.ProcessCharts), LOADING, FAILED);
const WithheldLast = lazyView(() => import('./WithheldLast.tsx').then((m) => m.WithheldLast), LOADING, FAILED);

const roleItemsCache = new WeakMap<readonly ReportItem[], Map<ReportRole, ReportItem[]>>();
/** The role's items, the same array each render (a stable memo input for the charts). */
function roleItems(items: readonly ReportItem[], role: ReportRole): ReportItem[] {
  const byRole = roleItemsCache.get(items) ?? new Map<ReportRole, ReportItem[]>();
  roleItemsCache.set(items, byRole);
  const found = byRole.get(role) ?? items.filter((i) => i.roles.includes(role));
  byRole.set(role, found);
  return found;
}

export function ViewBody(props: {
  view: ViewSpec;
  report: UnlockedReport;
  role: ReportRole;
  history: UnlockedReport[] | undefined;
  items: readonly ReportItem[];
}) {
  const { view, report, role, history, items } = props;
  // Keyed by role and view: a new place starts from the settings in its own address, not the last place's.
  return (
    <>
      {view.intro && <p>{view.intro}</p>}
      {view.standing && <Insights report={report} />}
      {view.process && <Insights report={report} process={view.process} />}
      {view.standing && <StandingSection report={report} history={history} role={role} />}
      {view.kind === 'explore' && <Explore key={role} report={report} role={role} history={history} items={roleItems(items, role)} />}
      {view.kind === 'downloads' && <Downloads report={report} />}
      {view.process ? (
        <ProcessCharts key={`${role}-${view.id}`} view={view} report={report} role={role} items={roleItems(items, role)} />
      ) : view.withheldLast ? (
        <WithheldLast key={`${role}-${view.id}`} view={view} report={report} role={role} items={roleItems(items, role)} />
      ) : (
        view.charts.map((spec) => (
          <DatasetChart key={`${role}-${spec.id}`} spec={spec} report={report} role={role} items={roleItems(items, role)} />
        ))
      )}
    </>
  );
}
