import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReportItem } from '../../shared/reportItems.ts';
import { credentialKey } from '../../site/credential.ts';
import { toMonthUrl } from '../../site/months.ts';
import type { UnlockedReport } from './unlock.ts';
import { toPlace, toSearch, type Place, type PrintMode } from './place.ts';
import { buildViews } from './views.ts';
import { ROLE_LABELS } from '../../shared/roles.ts';
import { ViewBody } from './ViewBody.tsx';
import { lazyView } from './lazyView.tsx';

// The print version is a page load of its own (`?print=1`): its code is not needed on screen.
const PrintReport = lazyView(
  () => import('./PrintReport.tsx').then((m) => m.default),
  <p role="status">Opening your report…</p>,
  () => <p className="notice error">The print version could not be loaded. Check your connection, then reload the page.</p>,
);

export interface ReportProps {
  report: UnlockedReport;
  items: ReportItem[];
  /** Earlier and later months this party has, each opened with the same credential, oldest first (this month included); unset while they are probed. */
  history: UnlockedReport[] | undefined;
  credential: string;
  base: string;
  slug: string;
  print: PrintMode;
  onSignOut: () => void;
}

function MonthSwitch({ props }: { props: ReportProps }) {
  const { report, history, credential, base, slug } = props;
  if (!history || history.length < 2) return null;
  const go = (month: string) => {
    sessionStorage.setItem(credentialKey(month, slug), credential);
    location.assign(toMonthUrl(base, month, slug) + location.search);
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
  const [place, setPlace] = useState<Place>(() => toPlace(location.search, party.roles));
  const { role, view: viewId } = place;
  const views = useMemo(() => buildViews(role, items), [role, items]);
  const view = views.find((v) => v.id === viewId) ?? views[0];
  const heading = useRef<HTMLHeadingElement>(null);
  // Signed in: the site header's "Sign in" link would only confuse (the site's styles hide it).
  useEffect(() => {
    document.documentElement.dataset.signedIn = 'true';
    const back = () => setPlace(toPlace(location.search, party.roles));
    addEventListener('popstate', back);
    return () => {
      delete document.documentElement.dataset.signedIn;
      removeEventListener('popstate', back);
    };
  }, [party.roles]);
  // Each view has an address of its own (back and forward move between them); the credential never enters it.
  const go = (next: Place) => {
    setPlace(next);
    history.pushState(null, '', toSearch(location.search, next));
  };
  const choose = (id: string) => {
    go({ role, view: id });
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
            <button key={r} type="button" aria-pressed={r === role} onClick={() => go({ role: r, view: viewId })}>
              {ROLE_LABELS[r]}
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
              {view.title} <span className="muted">· {ROLE_LABELS[role]}</span>
            </h2>
            <ViewBody view={view} report={report} role={role} history={props.history} items={items} />
          </section>
        )}
      </div>
    </div>
  );
}
