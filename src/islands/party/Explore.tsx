import { useEffect, useId, useMemo, useState } from 'react';
import { toLastDay } from '../../shared/month.ts';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { toColumnSource } from '../../site/arrowColumns.ts';
import { useAddressParams } from './address.ts';
import { Chart } from './Chart.tsx';
import {
  DIMENSIONS,
  listValues,
  MISSING_VALUE,
  parseFilterParam,
  readAhead,
  runExplore,
  toFilterParam,
  toMissingLabel,
  type ColumnSource,
} from './explore.ts';
import { Picker } from './Picker.tsx';
import { toColumnLabel } from './format.ts';
import { LoadFailure, toFailure, type Failure } from './LoadFailure.tsx';
import { hasDataset, type UnlockedReport } from './unlock.ts';
import type { ChartSpec } from './views.ts';

/** `group` in the address when the reader groups by nothing ('' is the default, region). */
const NO_GROUP = 'total';
const monthBounds = (month: string): { first: string; last: string } => ({ first: `${month}-01`, last: toLastDay(month) });

/**
 * Every month the reader can open whose days meet the range (each month opened with its own data key), one source per
 * part: each part's columns are read as it arrives, while the others are still being fetched and decrypted.
 */
async function loadRange(reports: readonly UnlockedReport[], dataset: string, query: { from: string; to: string; groupBy: string }) {
  const { from, to } = query;
  const chosen = reports.filter((r) => {
    const { first, last } = monthBounds(r.manifest.month);
    return first <= to && last >= from && hasDataset(r, dataset);
  });
  const parts = chosen.flatMap((r) => r.manifest.datasets.filter((d) => d.name === dataset).map((d) => ({ report: r, part: d.part })));
  const sources = await Promise.all(
    parts.map(async ({ report, part }) => readAhead(toColumnSource(await report.loadDataset(dataset, part)), query.groupBy)),
  );
  return { sources, months: chosen.map((r) => r.manifest.month) };
}

/** Free filtering and grouping over the daily item dataset, recombining counts in the browser. */
const SOURCES = {
  item_daily: 'Requests: day, meter type, region, SMETS',
  item_failures: 'Failures: response code and signifiers',
} as const;
type Source = keyof typeof SOURCES;
const SOURCE_NAMES = Object.keys(SOURCES) as Source[];

/** A heading label inside a sentence: "by region", but "by SMETS", "by RTT bucket". */
const toPhrase = (label: string): string => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));

/** A report item as the picker names it: its id (unique, unlike the SRV) and what it is. */
const toItemLabel = (items: readonly ReportItem[], id: string): string => {
  const found = items.find((i) => i.id === id);
  return found ? `${id}: ${found.description}` : id;
};

export function Explore({
  report,
  role,
  history,
  items,
}: {
  report: UnlockedReport;
  role: ReportRole;
  history: UnlockedReport[] | undefined;
  items: readonly ReportItem[];
}) {
  const reports = history ?? [report];
  const { first, last } = monthBounds(report.manifest.month);
  const earliest = monthBounds(reports[0]?.manifest.month ?? report.manifest.month).first;
  const latest = monthBounds(reports.at(-1)?.manifest.month ?? report.manifest.month).last;
  const [data, setData] = useState<{ sources: ColumnSource[]; months: string[] } | { failure: Failure } | undefined>();
  const [attempt, setAttempt] = useState(0);
  // Every setting is in the address, '' for its default: a copied address reopens the same query.
  const [params, change] = useAddressParams(['data', 'item', 'from', 'to', 'filter', 'value', 'group']);
  const from = params.from || first;
  const to = params.to || last;
  const { item, filter: filterColumn } = params;
  const filterValue = parseFilterParam(params.value);
  const groupBy = params.group === NO_GROUP ? '' : params.group || 'region';
  const ids = useId();
  const dataset: Source = params.data === 'item_failures' ? 'item_failures' : 'item_daily';
  const available = hasDataset(report, dataset);

  useEffect(() => {
    if (!available) return;
    let live = true;
    loadRange(history ?? [report], dataset, { from, to, groupBy })
      .then((loaded) => live && setData(loaded))
      .catch((error: unknown) => live && setData({ failure: toFailure(error) }));
    return () => {
      live = false;
    };
  }, [report, history, available, dataset, from, to, attempt]);
  const sources = data && 'sources' in data ? data.sources : undefined;
  const itemIds = useMemo(() => (sources ? listValues(sources, 'item_id', { role }) : []), [sources, role]);
  const dimensions = useMemo(() => {
    const columns = sources?.[0]?.columns ?? [];
    return DIMENSIONS.filter((d) => columns.includes(d) || (d === 'month' && columns.includes('day')));
  }, [sources]);
  const filterValues = useMemo(
    () => (sources && filterColumn ? listValues(sources, filterColumn, { role }) : []),
    [sources, filterColumn, role],
  );
  const result = useMemo(() => {
    if (!sources) return undefined;
    const filters: Record<string, string> = { role, item_id: item };
    if (filterColumn) filters[filterColumn] = filterValue;
    return runExplore(sources, { from, to, filters, groupBy });
  }, [sources, role, from, to, item, filterColumn, filterValue, groupBy]);
  const spec: ChartSpec = useMemo(() => {
    // No group with a published industry rate: no industry series (and no legend entry without a mark).
    const industry = result?.rows.some((r) => typeof r.industry_success_rate === 'number') ?? false;
    return {
      id: 'explore-result',
      title: `Explore: ${dataset === 'item_daily' ? 'success rate' : 'failures'} by ${groupBy ? toPhrase(toColumnLabel(groupBy)) : 'total'}`,
      dataset,
      ...(dataset === 'item_daily'
        ? { mark: 'dots', ys: industry ? ['success_rate', 'industry_success_rate'] : ['success_rate'] }
        : { mark: 'bar', y: 'failures' }),
      x: result?.columns[0],
      note: [
        `Months: ${data && 'months' in data ? data.months.join(', ') : ''}.`,
        dataset === 'item_daily'
          ? `Industry is shown for a group only where every day and slice in it is published${industry ? '' : `: no group here has one${item ? '' : ' (the figures of one report item are published more often than of all items together)'}`}. RTT median and 90th percentile (approx) are estimated from round-trip time histograms.`
          : '',
      ].join(' '),
    };
  }, [groupBy, result, dataset, data, item]);

  const byDimension = { options: dimensions, format: toColumnLabel };
  const chooseFilter = (v: string): void => change({ filter: v, value: '' });

  if (!available) return <p className="muted">Not part of this month&rsquo;s report.</p>;
  if (!data)
    return (
      <p className="muted" role="status" data-pending="true">
        Loading…
      </p>
    );
  if ('failure' in data) return <LoadFailure failure={data.failure} onRetry={() => (setData(undefined), setAttempt((n) => n + 1))} />;
  return (
    <div>
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Explore settings">
        <Picker
          id={`${ids}-source`}
          label="Data"
          value={dataset}
          options={SOURCE_NAMES}
          format={(v) => SOURCES[v as Source]}
          onChange={(v) => (setData(undefined), change({ data: v === 'item_daily' ? '' : v, filter: '', value: '' }))}
        />
        <Picker
          id={`${ids}-item`}
          label="Report item"
          value={item}
          options={itemIds}
          format={(id) => toItemLabel(items, id)}
          onChange={(v) => change({ item: v })}
          empty="All items"
        />
        <div>
          <label htmlFor={`${ids}-from`}>From</label>
          <input
            id={`${ids}-from`}
            type="date"
            min={earliest}
            max={latest}
            value={from}
            onChange={(e) => change({ from: e.target.value === first ? '' : e.target.value })}
          />
        </div>
        <div>
          <label htmlFor={`${ids}-to`}>To</label>
          <input
            id={`${ids}-to`}
            type="date"
            min={earliest}
            max={latest}
            value={to}
            onChange={(e) => change({ to: e.target.value === last ? '' : e.target.value })}
          />
        </div>
        <Picker id={`${ids}-fc`} label="Filter by" value={filterColumn} onChange={chooseFilter} empty="No filter" {...byDimension} />
        {filterColumn && (
          <Picker
            id={`${ids}-fv`}
            label="Value"
            value={filterValue}
            options={filterValues}
            format={(v) => (v === MISSING_VALUE ? toMissingLabel(filterColumn) : v)}
            onChange={(v) => change({ value: toFilterParam(v) })}
            empty="Any"
          />
        )}
        <Picker
          id={`${ids}-group`}
          label="Group by"
          value={groupBy}
          onChange={(v) => change({ group: v === 'region' ? '' : v || NO_GROUP })}
          empty="Nothing (one total)"
          {...byDimension}
        />
      </form>
      {result && result.rows.length > 0 ? (
        <Chart spec={spec} rows={result.rows} columns={result.columns} fileName={`explore-${role}`} />
      ) : (
        <p className="muted">No activity matches these settings.</p>
      )}
    </div>
  );
}
