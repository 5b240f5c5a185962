import { useEffect, useId, useMemo, useState } from 'react';
import type { ReportRole } from '../../shared/roles.ts';
import { toRows, type Row } from '../../site/arrowRows.ts';
import { Chart } from './Chart.tsx';
import { TREND_SPEC as spec } from './overview.ts';
import { SHAPES } from './shapes.ts';
import { unlockMessages, toUnlockError, type UnlockedReport } from './unlock.ts';

/** Headline success rate per business process over the months this party has: one row per month and process. */
export function toTrendRows(perMonth: readonly { month: string; rows: readonly Row[] }[], role: ReportRole): Row[] {
  return perMonth.flatMap(({ month, rows }) =>
    SHAPES.processHeadlines(
      rows.filter((r) => r.role === role),
      {},
    ).map((r) => ({ month, ...r })),
  );
}

/** `reports` is unset while the other months are still being probed: the chart waits for them. */
export function Trend({ reports, role }: { reports: UnlockedReport[] | undefined; role: ReportRole }) {
  const [state, setState] = useState<{ rows: Row[] } | { error: string } | undefined>();
  const [process, setProcess] = useState<string | undefined>();
  const id = useId();
  useEffect(() => {
    if (!reports) return;
    let live = true;
    Promise.all(reports.map(async (r) => ({ month: r.manifest.month, rows: toRows(await r.loadDataset(spec.dataset)).rows })))
      .then((perMonth) => live && setState({ rows: toTrendRows(perMonth, role) }))
      .catch((error: unknown) => live && setState({ error: unlockMessages[toUnlockError(error).kind] }));
    return () => {
      live = false;
    };
  }, [reports, role]);
  const processes = useMemo(
    () => (state && 'rows' in state ? [...new Set(state.rows.map((r) => String(r.business_process)))] : []),
    [state],
  );
  const chosen = process && processes.includes(process) ? process : processes[0];
  const noted = useMemo(() => {
    const months = (reports ?? []).map((r) => r.manifest.month);
    return { ...spec, note: months.length > 1 ? `Months available to you: ${months.join(', ')}.` : 'Only this month is available so far.' };
  }, [reports]);
  const rows = useMemo(() => (state && 'rows' in state ? state.rows.filter((r) => r.business_process === chosen) : []), [state, chosen]);
  if (!state)
    return (
      <section className="chart" data-chart="overview-trend" data-pending="true">
        <h3>{spec.title}</h3>
        <p className="muted">Loading…</p>
      </section>
    );
  if ('error' in state) return <p className="notice error">{state.error}</p>;
  const controls = (
    <div className="controls chart-controls">
      <div>
        <label htmlFor={`${id}-bp`}>Business process</label>
        <select id={`${id}-bp`} value={chosen ?? ''} onChange={(e) => setProcess(e.target.value)}>
          {processes.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </div>
    </div>
  );
  return <Chart spec={noted} rows={rows} columns={spec.columns ?? []} fileName={`trend-${role}`} controls={controls} />;
}
