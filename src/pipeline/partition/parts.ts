import { sqlString } from '../../lib/duckdb.ts';
import { SPLIT_DATASETS, toPartFile, toPartId } from '../../shared/datasetParts.ts';
import { BUSINESS_PROCESSES, REPORT_ITEMS } from '../../shared/reportItems.ts';
import type { TableSplit } from './arrowWriter/index.ts';

/** Part ids of a split dataset: every business process of the registry, in registry order, empty ones too. */
export const PROCESS_PARTS: readonly string[] = BUSINESS_PROCESSES.map(toPartId);

/** How a dataset is split per business process (by its `item_id`), or undefined when it is written whole. */
export function toProcessSplit(name: string): TableSplit | undefined {
  if (!SPLIT_DATASETS.includes(name)) return undefined;
  const cases = REPORT_ITEMS.map((i) => `WHEN ${sqlString(i.id)} THEN ${BUSINESS_PROCESSES.indexOf(i.businessProcess)}`);
  const unknown = `error('report item not in the registry: ' || item_id || ' (${name})')`;
  return { partSql: `CASE item_id ${cases.join(' ')} ELSE ${unknown} END`, parts: PROCESS_PARTS };
}

/** File name of a dataset or of one of its parts. */
export const toDatasetFile = (name: string, part: string | undefined): string => (part ? toPartFile(name, part) : `${name}.arrow`);

/** Manifest order: dataset order, then the parts in registry order. */
export const toPartOrder = (part: string | undefined): number => (part ? PROCESS_PARTS.indexOf(part) : -1);
