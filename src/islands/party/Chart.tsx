import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Row } from '../../site/arrowRows.ts';
import { formatCell, toColumnLabel } from './format.ts';
import { addChartTips } from './chartTips.ts';
import { DrillContext } from './drill.ts';
import { queueDraw } from './drawQueue.ts';
import { loadPlotBuilder } from './plotLoad.ts';
import type { Band, PlotBuilder } from './plots.ts';
import type { ChartSpec } from './views.ts';

/** Id of the heading of the enclosing report section: prefixed to each chart's name so charts repeated per role stay distinct regions. */
export const SectionLabel = createContext<string | undefined>(undefined);

export interface DrawOptions {
  y?: string;
  series?: string;
  bands?: readonly Band[];
}

export interface ChartProps {
  spec: ChartSpec;
  rows: Row[];
  columns: string[];
  fileName: string;
  draw?: DrawOptions;
  /** Controls (pickers) shown above the chart. */
  controls?: ReactNode;
  /** Rows offered as one CSV per value of spec.downloadsPer (defaults to the chart rows). */
  downloadRows?: { columns: string[]; rows: Row[] };
}

const PRINT_WIDTH = 680;
/** Longer tables are put in the page only when opened: thousands of hidden cells make a page slow to show. */
const EAGER_TABLE_ROWS = 50;
/** Rows a table shows at first and adds per "Show more": a big party's failure table has tens of thousands. */
export const TABLE_STEP_ROWS = 200;
/** The CSV writer loads with the first download: no view needs it to open. A failed load shows in the console. */
const downloadCsv = (fileName: string, columns: readonly string[], rows: readonly Row[]): void =>
  void import('../../site/csv.ts').then(({ downloadText, toCsv }) => downloadText(fileName, toCsv(columns, rows)));
const hasPlot = (spec: ChartSpec): boolean => spec.mark !== 'table' && Boolean(spec.x);

let measured: { windowWidth: number; width: number } | undefined;
/**
 * Charts span the report's one column, so its width is read once per window width: each read after a chart is
 * drawn forces a layout of the whole page (tens of them on a long page). An SVG a scrollbar's width too wide scales down.
 */
function toPlotWidth(host: HTMLElement): number {
  if (measured?.windowWidth === window.innerWidth) return measured.width;
  const column = host.clientWidth;
  const width = Math.max(320, Math.min(column || 720, 960));
  // A host laid out with no width (not shown) says nothing about the column.
  if (column > 0) measured = { windowWidth: window.innerWidth, width };
  return width;
}

/** A chart with its data table and CSV download: every number shown can also be read and taken away. */
export function Chart({ spec, rows, columns, fileName, draw, controls, downloadRows }: ChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const sectionLabel = useContext(SectionLabel);
  const drillContext = useContext(DrillContext);
  const drill = spec.drill ? drillContext : undefined;
  const [drawn, setDrawn] = useState(!hasPlot(spec));
  const [failed, setFailed] = useState<string | undefined>();
  const [tableOpen, setTableOpen] = useState(!hasPlot(spec));
  const [tableLimit, setTableLimit] = useState(TABLE_STEP_ROWS);
  const tableRows = tableOpen || rows.length <= EAGER_TABLE_ROWS ? rows.slice(0, tableLimit) : [];
  const hiddenRows = rows.length - tableRows.length;
  const shown = spec.columns?.filter((c) => columns.includes(c)) ?? columns;
  // a column holding numbers aligns right throughout, its "—" for a missing value included; so does a column of "—" only
  const numeric = new Set(shown.filter((c) => rows.some((r) => typeof r[c] === 'number') || rows.every((r) => r[c] == null)));
  useEffect(() => {
    const host = plotRef.current;
    if (!host || !hasPlot(spec)) return;
    let live = true;
    let unqueue = (): void => undefined;
    const drawWith = (buildPlot: PlotBuilder) => () => {
      // In print the width is fixed.
      const width = host.closest('[data-print-root]') ? PRINT_WIDTH : toPlotWidth(host);
      try {
        const figure = buildPlot(spec, rows, width, draw ?? {});
        if (figure) {
          // The data table carries the values for assistive technology; mark groups keep their name for tests and styling.
          for (const group of figure.querySelectorAll('g[aria-label]')) {
            group.setAttribute('data-mark', group.getAttribute('aria-label') ?? '');
            group.removeAttribute('aria-label');
          }
          host.replaceChildren(figure);
          // Focusable marks cannot sit inside an image (its children are presentational): the chart is then a group.
          const tips = addChartTips(host, figure);
          figure.setAttribute('role', tips ? 'group' : 'img');
          const keys = tips ? '; arrow keys move between its values' : '';
          figure.setAttribute('aria-label', `${spec.title}: chart of ${rows.length} values, also given in the data table${keys}`);
        } else host.replaceChildren();
        setFailed(undefined);
      } catch (error) {
        setFailed(String(error));
      }
      setDrawn(true);
    };
    loadPlotBuilder(spec).then(
      (build) => {
        if (live) unqueue = queueDraw(drawWith(build));
      },
      (error: unknown) => {
        if (!live) return;
        setFailed(String(error));
        setDrawn(true);
      },
    );
    return () => {
      live = false;
      unqueue();
    };
  }, [spec, rows, draw]);
  const per = spec.downloadsPer;
  const perSource = downloadRows ?? { columns, rows };
  return (
    <section
      className="chart"
      aria-labelledby={sectionLabel ? `${sectionLabel} ${headingId}` : headingId}
      data-chart={spec.id}
      data-status="ready"
      data-pending={drawn ? undefined : 'true'}
    >
      <h3 id={headingId}>{spec.title}</h3>
      {(spec.note || spec.guide) && (
        <p className="muted">
          {spec.note}{' '}
          {spec.guide && (
            <a className="no-print" href={`../../guidance/${spec.guide.href}`}>
              {spec.guide.label}
            </a>
          )}
        </p>
      )}
      {controls}
      {failed && <p className="notice error">The chart could not be drawn; the table below has its figures.</p>}
      <div className="chart-plot" ref={plotRef} />
      <details className="data-table" open={!hasPlot(spec)} onToggle={(event) => setTableOpen(event.currentTarget.open)}>
        <summary>Data table ({rows.length === 1 ? '1 row' : `${rows.length} rows`})</summary>
        {/* A table wider than the column scrolls inside this region, which the keyboard can reach and scroll. */}
        <div className="table-wrap" role="region" aria-label={`${spec.title}: data table`} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{spec.title}</caption>
            <thead>
              <tr>
                {shown.map((c) => (
                  <th key={c} scope="col" className={numeric.has(c) ? 'num' : undefined}>
                    {toColumnLabel(c)}
                  </th>
                ))}
                {drill && <th scope="col">Failure rows</th>}
              </tr>
            </thead>
            <tbody>
              {tableRows.map((row, i) => {
                const chosen = drill?.isChosen(row) === true;
                return (
                  <tr key={i} className={row.is_you === true ? 'own-row' : chosen ? 'chosen-row' : undefined}>
                    {shown.map((c) => (
                      <td
                        key={c}
                        className={numeric.has(c) ? 'num' : undefined}
                        data-column={c}
                        data-value={Array.isArray(row[c]) ? undefined : String(row[c] ?? '')}
                      >
                        {c === 'rank' && row.is_you === true
                          ? `${formatCell(c, row[c] ?? null)} (You)`
                          : formatCell(c, row[c] ?? null, row)}
                      </td>
                    ))}
                    {drill && (
                      <td>
                        {chosen
                          ? 'Shown below'
                          : Number(row.failures) > 0 && (
                              <button type="button" className="secondary" onClick={() => drill.choose(String(row.item_id), row)}>
                                Show<span className="visually-hidden">{` failures of ${String(row.item_id)} in ${String(row.slice)}`}</span>
                              </button>
                            )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {tableOpen && hiddenRows > 0 && (
          <p className="table-more">
            Showing {tableRows.length} of {rows.length} rows; the CSV download holds them all.{' '}
            <button type="button" className="secondary no-print" onClick={() => setTableLimit((n) => n + TABLE_STEP_ROWS * 5)}>
              Show {Math.min(hiddenRows, TABLE_STEP_ROWS * 5)} more rows<span className="visually-hidden"> of {spec.title}</span>
            </button>
          </p>
        )}
      </details>
      <div className="chart-actions">
        <button type="button" className="secondary" onClick={() => downloadCsv(`${fileName}.csv`, shown, rows)}>
          Download CSV<span className="visually-hidden"> of {spec.title}</span>
        </button>
        {per &&
          [...new Set(perSource.rows.map((r) => String(r[per])))].sort().map((value) => (
            <button
              key={value}
              type="button"
              className="secondary"
              onClick={() =>
                downloadCsv(
                  `${fileName}-${value}.csv`,
                  perSource.columns,
                  perSource.rows.filter((r) => String(r[per]) === value),
                )
              }
            >
              {value} daily CSV<span className="visually-hidden"> for alert code {value}</span>
            </button>
          ))}
      </div>
    </section>
  );
}
