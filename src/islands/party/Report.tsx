import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReportItem, ReportRole } from '../../shared/reportItems.ts';
import { credentialKey } from '../../site/credential.ts';
import { toMonthUrl } from '../../site/months.ts';
import { DatasetChart } from './DatasetChart.tsx';
import { Downloads } from './Downloads.tsx';
import { Explore } from './Explore.tsx';
import { Trend } from './Trend.tsx';
import type { UnlockedReport } from './unlock.ts';
import { buildPrintViews } from './printViews.ts';
import { buildViews, type ViewSpec } from './views.ts';

const roleItemsCache = new WeakMap<readonly ReportItem[], Map<ReportRole, ReportItem[]>>();
/** The role's items, the same array each render (a stable memo input for the charts). */
function roleItems(items: readonly ReportItem[], role: ReportRole): ReportItem[] {
  const byRole = roleItemsCache.get(items) ?? new Map<ReportRole, ReportItem[]>();
  roleItemsCache.set(items, byRole);
  const found = byRole.get(role) ?? items.filter((i) => i.roles.includes(role));
  byRole.set(role, found);
  return found;
}
import { watchReady } from './ready.ts';

export const roleNames: Record<ReportRole, string> = {
  IS: 'Import Supplier',
  ES: 'Export Supplier',
  GS: 'Gas Supplier',
  ED: 'Electricity Distributor',
};

export interface ReportProps {
  report: UnlockedReport;
  items: ReportItem[];
  /** Earlier and later months this party has, each opened with the same credential, oldest first (this month included). */
  history: UnlockedReport[];
  credential: string;
  base: string;
  slug: string;
  print: boolean;
  onSignOut: () => void;
}

function ViewBody(props: {
  view: ViewSpec;
  report: UnlockedReport;
  role: ReportRole;
  history: UnlockedReport[];
  items: readonly ReportItem[];
}) {
  const { view, report, role, history, items } = props;
  return (
    <>
      {view.intro && <p>{view.intro}</p>}
      {view.trend && <Trend reports={history} role={role} />}
      {view.kind === 'explore' && <Explore report={report} role={role} />}
      {view.kind === 'downloads' && <Downloads report={report} />}
      {view.charts.map((spec) => (
        <DatasetChart key={`${role}-${spec.id}`} spec={spec} report={report} role={role} items={roleItems(items, role)} />
      ))}
    </>
  );
}

function MonthSwitch({ props }: { props: ReportProps }) {
  const { report, history, credential, base, slug } = props;
  if (history.length < 2) return null;
  const go = (month: string) => {
    sessionStorage.setItem(credentialKey(month, slug), credential);
    location.assign(toMonthUrl(base, month, slug));
  };
  return (
    <div className="month-switch no-print">
      <label htmlFor="month-switch">Month</label>
      <select id="month-switch" value={report.manifest.month} onChange={(e) => go(e.target.value)}>
        {[...history].reverse().map((r) => (
          <option key={r.manifest.month} value={r.manifest.month}>
            {r.manifest.month}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Report(props: ReportProps) {
  const { report, items, onSignOut } = props;
  const { party, month } = report.manifest;
  const [role, setRole] = useState<ReportRole>(party.roles[0] ?? 'IS');
  const views = useMemo(() => buildViews(role, items), [role, items]);
  const [viewId, setViewId] = useState('overview');
  const view = views.find((v) => v.id === viewId) ?? views[0];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => (props.print ? watchReady() : undefined), [props.print]);
  const choose = (id: string) => {
    setViewId(id);
    requestAnimationFrame(() => heading.current?.focus());
  };
  if (props.print) return <PrintReport {...props} />;
  return (
    <div>
      <div className="report-head">
        <div>
          <p className="muted">Report for {month}</p>
          <h1 data-testid="party-name">{party.partyName}</h1>
        </div>
        <div className="report-tools no-print">
          <MonthSwitch props={props} />
          <a className="button secondary" href="?print=1">
            Print version
          </a>
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>
      {party.roles.length > 1 && (
        <div className="role-switch no-print" role="group" aria-label="Role">
          {party.roles.map((r) => (
            <button key={r} type="button" aria-pressed={r === role} onClick={() => setRole(r)}>
              {roleNames[r]}
            </button>
          ))}
        </div>
      )}
      <div className="report-layout">
        <nav className="report-nav" aria-label="Report pages">
          <ul>
            {views.map((v) => (
              <li key={v.id}>
                <button type="button" aria-current={v.id === view?.id ? 'page' : undefined} onClick={() => choose(v.id)}>
                  {v.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {view && (
          <section aria-labelledby="view-title" data-view={view.id} className="report-view">
            <h2 id="view-title" tabIndex={-1} ref={heading}>
              {view.title} <span className="muted">· {roleNames[role]}</span>
            </h2>
            <ViewBody view={view} report={report} role={role} history={props.history} items={items} />
          </section>
        )}
      </div>
    </div>
  );
}

/** Every section of every role one after another, for printing (the PDF pack prints this). */
function PrintReport({ report, items, history }: ReportProps) {
  // Every printed section has a chart: fetch Plot while the datasets are being opened.
  useEffect(() => void import('./plots.ts'), []);
  const { party, month } = report.manifest;
  const sections = party.roles.flatMap((role) =>
    buildPrintViews(role, items).map((view) => ({ role, view, id: `print-${role}-${view.id}` })),
  );
  return (
    <div className="print-report" data-print-root>
      <div className="print-running" aria-hidden="true">
        <span>{party.partyName}</span>
        <span>Customer Analytics Reporting · {month}</span>
      </div>
      <section className="print-cover">
        <p className="muted">Customer Analytics Reporting</p>
        <h1 data-testid="party-name">{party.partyName}</h1>
        <p className="lead">Monthly report for {month}</p>
        <p>Roles: {party.roles.map((r) => roleNames[r]).join(', ')}</p>
      </section>
      <nav className="print-contents" aria-labelledby="print-contents-title">
        <h2 id="print-contents-title">Contents</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{`${roleNames[s.role]}: ${s.view.title}`}</a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => (
        <section key={s.id} id={s.id} className="print-section" data-view={s.view.id} aria-labelledby={`${s.id}-title`}>
          <h2 id={`${s.id}-title`}>
            {s.view.title} <span className="muted">· {roleNames[s.role]}</span>
          </h2>
          <ViewBody view={s.view} report={report} role={s.role} history={history} items={items} />
        </section>
      ))}
    </div>
  );
}
