import { useEffect, useState } from 'react';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { toRows, type Converted } from '../../site/arrowRows.ts';
import { DatasetChart } from './DatasetChart.tsx';
import { LoadFailure, toFailure, type Failure } from './LoadFailure.tsx';
import { hasDataset, type UnlockedReport } from './unlock.ts';
import type { ViewSpec } from './views.ts';
import { splitWithheld } from './withheld.ts';

/**
 * A view of one dataset's charts (the league tables) with the charts that show nothing this month gathered into one
 * list at the end, rather than an empty card each between the ones that draw.
 */
export function WithheldLast({
  view,
  report,
  role,
  items,
}: {
  view: ViewSpec;
  report: UnlockedReport;
  role: ReportRole;
  items: readonly ReportItem[];
}) {
  const dataset = view.charts[0]?.dataset ?? '';
  // a month without the dataset: each chart says so itself
  const listed = hasDataset(report, dataset);
  const [state, setState] = useState<{ data: Converted } | { failure: Failure } | undefined>(() => {
    const table = report.peekDataset(dataset);
    return table && { data: toRows(table, { role }) };
  });
  useEffect(() => {
    if (state || !listed) return;
    let live = true;
    report
      .loadDataset(dataset)
      .then((table) => live && setState({ data: toRows(table, { role }) }))
      .catch((error: unknown) => live && setState({ failure: toFailure(error) }));
    return () => {
      live = false;
    };
  }, [report, dataset, listed, role, state]);
  if (!listed)
    return view.charts.map((spec) => <DatasetChart key={`${role}-${spec.id}`} spec={spec} report={report} role={role} items={items} />);
  if (!state)
    return (
      <p role="status" data-pending="true">
        Loading…
      </p>
    );
  if ('failure' in state) return <LoadFailure failure={state.failure} onRetry={() => setState(undefined)} />;
  const { shown, withheld } = splitWithheld(view.charts, state.data, role);
  return (
    <>
      {shown.map((spec) => (
        <DatasetChart key={`${role}-${spec.id}`} spec={spec} report={report} role={role} items={items} />
      ))}
      {withheld.length > 0 && (
        <section className="chart" data-chart={`${view.id}-withheld`} data-status="suppressed">
          <h3>Not shown this month</h3>
          <p>Too few comparable Users to show these this month:</p>
          <ul>
            {withheld.map((spec) => (
              <li key={spec.id}>{spec.title}</li>
            ))}
          </ul>
          <p className="muted">
            <a href="../../guidance/disclosure-rules/">When a comparison is not shown</a>
          </p>
        </section>
      )}
    </>
  );
}
