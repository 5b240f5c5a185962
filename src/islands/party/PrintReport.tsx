import { useEffect, useMemo, useState } from 'react';
import { SectionLabel } from './Chart.tsx';
import { Insights } from './Insights.tsx';
import { StandingSection } from './Standing.tsx';
import { OVERVIEW } from './overview.ts';
import { buildPrintViews, toCausesChart } from './printViews.ts';
import { watchReady } from './ready.ts';
import type { ReportProps } from './Report.tsx';
import { PAGE_NUMBERS_EVENT, type PageNumbers } from '../../shared/printPages.ts';
import { ROLE_LABELS } from '../../shared/roles.ts';
import { ViewBody } from './ViewBody.tsx';
import { DatasetChart } from './DatasetChart.tsx';
import { hasDataset } from './unlock.ts';
import type { ChartSpec } from './views.ts';

const INCIDENTS = OVERVIEW.charts.find((c) => c.dataset === 'incidents');

/** Page numbers from the PDF pack's first print (none on screen or before it); flagged on <html> once drawn. */
function usePageNumbers(): PageNumbers | undefined {
  const [pages, setPages] = useState<PageNumbers | undefined>();
  useEffect(() => {
    const take = (event: Event) => setPages((event as CustomEvent<PageNumbers>).detail);
    document.addEventListener(PAGE_NUMBERS_EVENT, take);
    return () => document.removeEventListener(PAGE_NUMBERS_EVENT, take);
  }, []);
  useEffect(() => {
    if (pages) document.documentElement.dataset.carsPageNumbers = 'true';
  }, [pages]);
  return pages;
}

/** Every section of every role one after another, for printing (the PDF pack prints this). */
export default function PrintReport({ report, items, history, print }: ReportProps) {
  const { party, month } = report.manifest;
  const paperOnly = print === 'pdf';
  useEffect(() => {
    // The PDF's title: the browser's print names the document after the page.
    document.title = `${party.partyName} — Customer Analytics Report ${month}`;
    return watchReady();
  }, [party.partyName, month]);
  const pages = usePageNumbers();
  const sections = useMemo(
    () =>
      party.roles.flatMap((role) =>
        buildPrintViews(role, items, month).map((view, index) => ({ role, view, id: `print-${role}-${view.id}`, first: index === 0 })),
      ),
    [party.roles, items, month],
  );
  const topCauses = useMemo(
    () =>
      new Map(
        party.roles.map((role) => [
          role,
          toCausesChart(`print-top-causes-${role}`, 'Top root causes across your processes', month, undefined, 3),
        ]),
      ),
    [party.roles, month],
  );
  // Every dataset the print shows starts decrypting now, not when its chart mounts after the whole report has rendered.
  useMemo(() => {
    const names = new Set([...topCauses.values(), ...sections.flatMap((s) => s.view.charts)].map((c) => c.dataset));
    for (const name of names) if (hasDataset(report, name)) report.loadDataset(name).catch(() => undefined);
  }, [sections, topCauses, report]);
  return (
    <>
      {paperOnly && (
        <p className="notice paper-only-note">
          This address lays the report out for the PDF printer, on paper only. <a href="?print=1">Open the print version</a>.
        </p>
      )}
      <div className="print-report" data-print-root data-paper-only={paperOnly || undefined}>
        <section className="print-cover">
          <p className="muted">Customer Analytics Reporting</p>
          <h1 data-testid="party-name">{party.partyName}</h1>
          <p className="lead">Monthly report for {month}</p>
          <p>Roles: {party.roles.map((r) => ROLE_LABELS[r]).join(', ')}</p>
          {party.roles.map((role) => (
            <div key={role} className="print-summary">
              <h2 className="print-summary-role" id={`print-summary-${role}`}>
                {ROLE_LABELS[role]}
              </h2>
              <SectionLabel.Provider value={`print-summary-${role}`}>
                <StandingSection report={report} history={history} role={role} />
                <DatasetChart spec={topCauses.get(role) as ChartSpec} report={report} role={role} items={items} />
              </SectionLabel.Provider>
            </div>
          ))}
          {/* Incidents are the month's, not a role's: shown once. */}
          {INCIDENTS && party.roles[0] && <DatasetChart spec={INCIDENTS} report={report} role={party.roles[0]} />}
          <Insights report={report} />
        </section>
        <nav className="print-contents" aria-labelledby="print-contents-title">
          <h2 id="print-contents-title">Contents</h2>
          <ol>
            {sections.map((s) => (
              <li key={s.id}>
                {/* To the heading, not the section: a heading kept with what follows can start a page after its section. */}
                <a href={`#${s.id}-title`}>
                  <span>{`${ROLE_LABELS[s.role]}: ${s.view.title}`}</span>
                  {/* Same width before the numbers are known, so filling them in moves nothing. */}
                  <span className="print-page-number">{pages?.[`${s.id}-title`] ?? ''}</span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
        {sections.map((s) => (
          <section
            key={s.id}
            id={s.id}
            className={s.first ? 'print-section print-role-start' : 'print-section'}
            data-view={s.view.id}
            aria-labelledby={`${s.id}-title`}
          >
            <h2 id={`${s.id}-title`}>
              {s.view.title} <span className="muted">· {ROLE_LABELS[s.role]}</span>
            </h2>
            <SectionLabel.Provider value={`${s.id}-title`}>
              <ViewBody view={s.view} report={report} role={s.role} history={history} items={items} />
            </SectionLabel.Provider>
          </section>
        ))}
      </div>
    </>
  );
}
