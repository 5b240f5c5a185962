import { useEffect, useRef, useState } from 'react';
import type { ReportRole } from '../../shared/roles.ts';
import type { Table } from 'apache-arrow/table';
import { toRows } from '../../site/arrowRows.ts';
import { formatPct, formatPp, toMonthName, toStandings, toStandingSentences, type MonthRows, type Standing } from './standing.ts';
import { LoadFailure, toFailure, type Failure } from './LoadFailure.tsx';
import type { UnlockedReport } from './unlock.ts';

const monthRows = async (r: UnlockedReport): Promise<MonthRows> => ({
  month: r.manifest.month,
  items: toRows(await r.loadDataset('item_monthly')).rows,
});

/** Own rate over the months as a line of dots; one month is one dot. Text alternative in the label. */
function Sparkline({ series }: { series: Standing['series'] }) {
  const w = 96;
  const h = 24;
  const rates = series.map((p) => p.rate);
  const lo = Math.min(...rates);
  const span = Math.max(...rates) - lo || 1;
  const x = (i: number) => (series.length === 1 ? w / 2 : 4 + (i * (w - 8)) / (series.length - 1));
  const y = (rate: number) => (series.length === 1 ? h / 2 : h - 4 - ((rate - lo) * (h - 8)) / span);
  const label = series.map((p) => `${formatPct(p.rate)} in ${toMonthName(p.month)}`).join(', ');
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <title>{label}</title>
      {series.length > 1 && <polyline points={series.map((p, i) => `${x(i)},${y(p.rate)}`).join(' ')} />}
      {series.map((p, i) => (
        <circle key={p.month} cx={x(i)} cy={y(p.rate)} r={i === series.length - 1 ? 3 : 2} />
      ))}
    </svg>
  );
}

const signed = (pp: number | null, below: string, above: string) =>
  pp === null ? '—' : pp === 0 ? '0.0 pp' : `${pp < 0 ? '−' : '+'}${formatPp(pp)} ${pp < 0 ? below : above}`;

/** "Where you stand": sentences, then one row per business process, furthest below industry first. */
export function StandingTable({ standings, previousMonth }: { standings: readonly Standing[]; previousMonth: string | undefined }) {
  return (
    <>
      <div className="standing-lead">
        {toStandingSentences(standings, previousMonth).map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <div className="table-wrap">
        <table className="standing-table">
          <caption className="visually-hidden">Your success rate per business process against industry</caption>
          <thead>
            <tr>
              <th scope="col">Business process</th>
              <th scope="col">You</th>
              <th scope="col">Industry</th>
              <th scope="col">Difference</th>
              <th scope="col">Rank</th>
              <th scope="col">{previousMonth ? `Change since ${toMonthName(previousMonth)}` : 'Change'}</th>
              <th scope="col">Months</th>
            </tr>
          </thead>
          <tbody>
            {standings.map((s) => (
              <tr key={s.process}>
                <th scope="row">{s.process}</th>
                <td className="num">{s.rate === null ? 'no requests' : formatPct(s.rate)}</td>
                <td className="num">{s.industryRate === null ? 'withheld' : formatPct(s.industryRate)}</td>
                <td className={`num ${s.diffPp === null ? '' : s.diffPp < 0 ? 'below' : 'above'}`}>{signed(s.diffPp, 'below', 'above')}</td>
                <td className="num">{s.rank === null ? 'not published' : `${s.rank} of ${s.ranked}`}</td>
                <td className="num">{s.changePp === null ? '—' : signed(s.changePp, 'down', 'up')}</td>
                <td>{s.series.length > 0 && <Sparkline series={s.series} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">Rank counts you and the Users with at least 1,000 requests in the process.</p>
    </>
  );
}

/** `history` is unset while other months are probed: this month shows at once, changes and sparklines follow. */
export function StandingSection({
  report,
  history,
  role,
}: {
  report: UnlockedReport;
  history: UnlockedReport[] | undefined;
  role: ReportRole;
}) {
  const month = report.manifest.month;
  // `of`: the history the figures were made from. Until they are made from the current one the section is pending:
  // the print is ready only then (its second print would otherwise move every page).
  type Shown = { of: UnlockedReport[] | undefined } & ({ months: MonthRows[]; league: Table } | { failure: Failure });
  // The first view's datasets are usually loaded by now (opening.ts): then the table is in the first render, not one
  // paint later.
  const [state, setState] = useState<Shown | undefined>(() => {
    const items = report.peekDataset('item_monthly');
    const league = report.peekDataset('league');
    return history === undefined && items && league ? { of: history, months: [{ month, items: toRows(items).rows }], league } : undefined;
  });
  const shownAtOnce = useRef(state !== undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (shownAtOnce.current) return void (shownAtOnce.current = false);
    let live = true;
    const reports = history ?? [report];
    Promise.all([Promise.all(reports.map(monthRows)), report.loadDataset('league')])
      .then(([months, league]) => live && setState({ of: history, months, league }))
      .catch((error: unknown) => live && setState({ of: history, failure: toFailure(error) }));
    return () => {
      live = false;
    };
  }, [report, history, attempt]);
  // the role's league rows only (toStandings): the overview's league table asks for the same, so they are converted once
  const body =
    state === undefined ? (
      <p className="muted">Loading…</p>
    ) : 'failure' in state ? (
      <LoadFailure failure={state.failure} onRetry={() => (setState(undefined), setAttempt((n) => n + 1))} />
    ) : (
      <StandingTable
        standings={toStandings(state.months, toRows(state.league, { role }).rows, role, month)}
        previousMonth={state.months
          .map((m) => m.month)
          .filter((m) => m < month)
          .at(-1)}
      />
    );
  return (
    <section
      className="chart standing"
      data-chart="overview-standing"
      data-pending={history === undefined || state?.of !== history ? 'true' : undefined}
    >
      <h3>Where you stand</h3>
      {body}
    </section>
  );
}
