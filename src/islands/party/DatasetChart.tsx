import { startTransition, useContext, useEffect, useId, useMemo, useState } from 'react';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { toRows, type Cell, type Row } from '../../site/arrowRows.ts';
import { useAddressParams } from './address.ts';
import { Chart, type DrawOptions } from './Chart.tsx';
import { DrillContext } from './drill.ts';
import { Picker } from './Picker.tsx';
import { toColumnLabel } from './format.ts';
import type { Band } from './plots.ts';
import { selectRows, toIncidentBands, toPickOrder, toShownTitle } from './chartRows.ts';
import type { PrintShapeName } from './printShapes.ts';
import type { ViewShapeName } from './viewShapes.ts';
import { SHAPES, toColumns, type Shape, type ShapeName } from './shapes.ts';
import { LoadFailure, toFailure, type Failure } from './LoadFailure.tsx';
import { hasDataset, type UnlockedReport } from './unlock.ts';
import type { ChartSpec } from './views.ts';

export const SUPPRESSED_TEXT = 'not shown: too few comparable Users';
export const NO_ACTIVITY_TEXT = 'No activity this month.';

/** The chosen option when it is one of the options, else the first. */
const pickOf = (options: readonly string[] | undefined, chosen: string): string | undefined =>
  options?.includes(chosen) ? chosen : options?.[0];

type Loaded = { columns: string[]; rows: Row[] };
type State =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; failure: Failure }
  | { status: 'ready'; data: Loaded; bands: Band[]; extra?: Loaded; shape?: Shape };

/** An overview shape at once; another view's, or a print one, from its own chunk. */
async function loadShape(name: ShapeName | undefined): Promise<Shape | undefined> {
  if (!name) return undefined;
  if (name in SHAPES) return SHAPES[name as keyof typeof SHAPES];
  const { VIEW_SHAPES } = await import('./viewShapes.ts');
  if (name in VIEW_SHAPES) return VIEW_SHAPES[name as ViewShapeName];
  return (await import('./printShapes.ts')).PRINT_SHAPES[name as PrintShapeName];
}

/** A dataset's rows, only those matching `where` (a daily table holds every item and role), from the one part that holds them. */
async function load(report: UnlockedReport, name: string, where: Record<string, Cell> = {}, part?: string): Promise<Loaded | undefined> {
  if (!hasDataset(report, name)) return undefined;
  return toRows(await report.loadDataset(name, part), where);
}

export function DatasetChart({
  spec,
  report,
  role,
  items,
}: {
  spec: ChartSpec;
  report: UnlockedReport;
  role: ReportRole;
  items?: readonly ReportItem[];
}) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const ids = useId();
  // The reader's choices are in the address (`?…&mr-4-6-1-causes.pick=region`), so a copied address reopens them.
  const [chosen, choose] = useAddressParams([`${spec.id}.pick`, `${spec.id}.split`, `${spec.id}.measure`]);
  const split = pickOf(spec.splits, chosen[`${spec.id}.split`] ?? '') ?? spec.series;
  const measure = pickOf(spec.measures, chosen[`${spec.id}.measure`] ?? '') ?? spec.y;
  const picked = chosen[`${spec.id}.pick`] ?? '';
  const setPicked = (v: string) => choose({ [`${spec.id}.pick`]: v });
  const setSplit = (v: string) => choose({ [`${spec.id}.split`]: v === spec.splits?.[0] ? '' : v });
  const setMeasure = (v: string) => choose({ [`${spec.id}.measure`]: v === spec.measures?.[0] ? '' : v });
  useEffect(() => {
    let live = true;
    Promise.all([
      load(report, spec.dataset, { role, ...spec.where }, spec.part),
      spec.incidents ? load(report, 'incidents') : undefined,
      spec.downloadsFrom ? load(report, spec.downloadsFrom, { role }) : undefined,
      loadShape(spec.shape),
    ])
      .then(([data, incidents, extra, shape]) => {
        if (!live) return;
        if (!data) return setState({ status: 'missing' });
        const bands = incidents ? toIncidentBands(incidents.rows, report.manifest.month) : [];
        const ownExtra = extra && { columns: extra.columns, rows: selectRows(extra.rows, extra.columns, {}, role).rows };
        // A chart with its table is a render of its own, after urgent ones: on the overview the standing table,
        // whose data arrives at the same moment, shows first instead of waiting for every chart below it.
        startTransition(() => setState({ status: 'ready', data, bands, extra: ownExtra, shape }));
      })
      .catch((error: unknown) => live && setState({ status: 'error', failure: toFailure(error) }));
    return () => {
      live = false;
    };
  }, [spec, report, role, attempt]);

  const selected = useMemo(
    () => (state.status === 'ready' ? selectRows(state.data.rows, state.data.columns, spec, role) : undefined),
    [state, spec, role],
  );
  const choices = useMemo(
    () =>
      selected && spec.pick
        ? toPickOrder(
            selected.rows.map((r) => String(r[spec.pick as string])),
            spec.pickOrder,
          )
        : [],
    [selected, spec.pick, spec.pickOrder],
  );
  const choice = choices.includes(picked) ? picked : choices[0];
  // A drill-down from a root-cause slice narrows this SRV's failure signifier rows to the slice.
  const drill = useContext(DrillContext);
  const slice = spec.shape === 'mostFailedFirst' && drill?.itemId === spec.where?.item_id ? drill?.slice : undefined;
  const shaped = useMemo(() => {
    if (!selected || state.status !== 'ready') return undefined;
    const picks = spec.pick ? selected.rows.filter((r) => String(r[spec.pick as string]) === choice) : selected.rows;
    const rows = slice && drill ? drill.narrow(picks) : picks;
    const all = state.shape ? state.shape(rows, { split, items }) : rows;
    const out = spec.limit === undefined ? all : all.slice(0, spec.limit);
    // a picked chart (one alert code) says whether figures of what it shows are withheld, not of every pick
    const suppressed = spec.pick
      ? selectRows(
          state.data.rows.filter((r) => String(r[spec.pick as string]) === choice),
          state.data.columns,
          spec,
          role,
        ).suppressed
      : selected.suppressed;
    return { rows: out, columns: state.shape ? toColumns(out, state.data.columns) : state.data.columns, suppressed };
  }, [selected, state, spec, split, choice, items, slice, drill, role]);
  const sliceNotice = slice && shaped && drill?.notice(String(spec.where?.item_id), shaped.rows);
  const draw = useMemo<DrawOptions>(
    () => ({ y: measure, series: spec.splits ? split : spec.series, bands: state.status === 'ready' ? state.bands : [] }),
    [measure, split, spec, state],
  );
  const title = shaped ? toShownTitle(spec, shaped.rows) : spec.title;
  const shownSpec = useMemo(() => (title === spec.title ? spec : { ...spec, title }), [spec, title]);

  if (state.status === 'ready' && selected && shaped && !selected.noActivity && shaped.rows.length > 0) {
    const controls = (spec.pick || spec.splits || spec.measures) && (
      <div className="controls chart-controls">
        {spec.pick && (
          <Picker
            id={`${ids}-pick`}
            label={toColumnLabel(spec.pick)}
            value={choice ?? ''}
            options={choices}
            onChange={setPicked}
            format={spec.pick === 'dimension' ? toColumnLabel : undefined}
          />
        )}
        {spec.splits && (
          <Picker
            id={`${ids}-split`}
            label="Split by"
            value={split ?? ''}
            options={spec.splits}
            onChange={setSplit}
            format={toColumnLabel}
          />
        )}
        {spec.measures && (
          <Picker
            id={`${ids}-measure`}
            label="Measure"
            value={measure ?? ''}
            options={spec.measures}
            onChange={setMeasure}
            format={toColumnLabel}
          />
        )}
      </div>
    );
    return (
      <>
        {sliceNotice}
        {shaped.suppressed && (
          <p
            className="notice"
            data-status="suppressed"
            data-for={spec.id}
          >{`${title}: ${selected.rows.length > 0 && title === spec.title ? 'some ' : ''}industry and peer figures ${SUPPRESSED_TEXT}.`}</p>
        )}
        <Chart
          spec={shownSpec}
          rows={shaped.rows}
          columns={shaped.columns}
          fileName={`${report.manifest.month}-${role}-${spec.id}`}
          draw={draw}
          controls={controls}
          downloadRows={state.extra}
        />
      </>
    );
  }
  const suppressed = selected?.suppressed && (selected.rows.length === 0 || spec.emptyMeans === 'suppressed');
  const message =
    state.status === 'loading'
      ? 'Loading…'
      : state.status === 'missing'
        ? 'Not part of this month\u2019s report.'
        : state.status === 'error'
          ? state.failure.message
          : suppressed
            ? SUPPRESSED_TEXT
            : (spec.empty ?? NO_ACTIVITY_TEXT);
  const status = state.status === 'ready' ? (suppressed ? 'suppressed' : 'no-activity') : state.status;
  return (
    <>
      {sliceNotice}
      <section className="chart" data-chart={spec.id} data-status={status} data-pending={state.status === 'loading' ? 'true' : undefined}>
        <h3>{spec.title}</h3>
        {state.status === 'error' ? (
          <LoadFailure failure={state.failure} onRetry={() => (setState({ status: 'loading' }), setAttempt((n) => n + 1))} />
        ) : (
          <p className="muted">{message}</p>
        )}
      </section>
    </>
  );
}
