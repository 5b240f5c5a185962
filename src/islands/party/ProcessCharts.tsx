import { useMemo } from 'react';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { useAddressParams } from './address.ts';
import { DatasetChart } from './DatasetChart.tsx';
import { DrillContext, type Drill } from './drill.ts';
import { isChosenSlice, isInSlice, parseSliceParams, toSlice, toSliceParams } from './slice.ts';
import { SliceNotice } from './SliceNotice.tsx';
import { Picker } from './Picker.tsx';
import type { UnlockedReport } from './unlock.ts';
import { toId, type ViewSpec } from './views.ts';

/**
 * A business process page: all its SRVs, or one (`srv` in the address) with, after "Show" (failure rows) in a root-cause
 * table, its failure signifier rows narrowed to that slice (`slice=model:Model B`).
 */
export function ProcessCharts(props: { view: ViewSpec; report: UnlockedReport; role: ReportRole; items: readonly ReportItem[] }) {
  const { view, report, role, items } = props;
  const [params, change] = useAddressParams(['srv', 'slice', 'slice-model']);
  const srvs = items.filter((i) => i.kind === 'srv' && view.process?.itemIds.includes(i.id));
  const itemId = srvs.some((i) => i.id === params.srv) ? params.srv : '';
  const drill = useMemo<Drill>(() => {
    const slice = itemId ? parseSliceParams(params.slice, params['slice-model']) : undefined;
    // The SRV's own root-cause table opens on the dimension of the slice chosen.
    const choose: Drill['choose'] = (id, cause) => {
      const chosen = cause && toSlice(cause);
      change({ srv: id, ...toSliceParams(chosen), ...(chosen ? { [`${toId(id)}-causes.pick`]: chosen.dimension } : {}) });
    };
    return {
      itemId,
      slice,
      choose,
      isChosen: (cause) => slice !== undefined && isChosenSlice(cause, itemId, slice),
      narrow: (rows) => rows.filter((r) => !slice || isInSlice(r, slice)),
      notice: (srv, rows) => slice && <SliceNotice slice={slice} srv={srv} rows={rows} onClear={() => choose(itemId)} />,
    };
  }, [itemId, params.slice, params['slice-model'], change]);
  const charts = itemId ? view.charts.filter((c) => c.where?.item_id === itemId) : view.charts;
  return (
    <DrillContext.Provider value={drill}>
      {srvs.length > 1 && (
        <div className="controls">
          <Picker
            id={`${view.id}-srv`}
            label="SRV"
            value={itemId}
            options={srvs.map((i) => i.id)}
            format={(id) => `${srvs.find((i) => i.id === id)?.srvs.join(', ') ?? id} ${srvs.find((i) => i.id === id)?.description ?? ''}`}
            onChange={(id) => drill.choose(id)}
            empty="All SRVs"
          />
        </div>
      )}
      {charts.map((spec) =>
        !itemId && spec.shape === 'mostFailedFirst' && spec.where?.item_id ? (
          <RowsOnRequest key={`${role}-${spec.id}`} id={spec.id} title={spec.title} itemId={String(spec.where.item_id)} drill={drill} />
        ) : (
          <DatasetChart key={`${role}-${spec.id}`} spec={spec} report={report} role={role} items={items} />
        ),
      )}
    </DrillContext.Provider>
  );
}

/**
 * With every SRV on the page, an SRV's failure signifier rows (tens of thousands at a large party, the process's
 * largest file) wait for the reader: the button shows that SRV alone, with its rows.
 */
function RowsOnRequest({ id, title, itemId, drill }: { id: string; title: string; itemId: string; drill: Drill }) {
  return (
    <section className="chart" data-chart={id} data-status="on-request">
      <h3>{title}</h3>
      <p className="muted">One row per day, response code and signifiers; shown for one SRV at a time.</p>
      <button type="button" onClick={() => drill.choose(itemId)}>
        Show every failure row of {itemId}
      </button>
    </section>
  );
}
