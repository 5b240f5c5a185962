import type { Cell, Row } from '../../site/arrowRows.ts';
import type { Slice } from './drill.ts';
import { toColumnLabel } from './format.ts';

// Process pages only (ProcessCharts loads with them): not part of the first view's code.
const DIMENSIONS = ['model', 'firmware', 'meter_type', 'region', 'smets'];
const FIRMWARE_SEPARATOR = ' / ';

/** A firmware slice carries its model; the other dimensions' slices have none. */
const withModel = (slice: Slice, model: string | undefined): Slice =>
  slice.dimension === 'firmware' && model ? { ...slice, model } : slice;

/** The slice of a root-cause row, a firmware slice with its model. */
export const toSlice = (cause: Row): Slice =>
  withModel({ dimension: String(cause.dimension), value: String(cause.slice) }, typeof cause.model === 'string' ? cause.model : undefined);

/** Whether a root-cause row of the SRV is the slice: same dimension and text, and the firmware slice's model when named. */
export const isChosenSlice = (cause: Row, itemId: string, slice: Slice): boolean => {
  const row = toSlice(cause);
  return (
    String(cause.item_id) === itemId &&
    row.dimension === slice.dimension &&
    row.value === slice.value &&
    (slice.model === undefined || row.model === slice.model)
  );
};

/** The address parameters of a slice (`slice`, and `slice-model` for a firmware slice's model); both empty for none. */
export const toSliceParams = (slice: Slice | undefined): { slice: string; 'slice-model': string } => ({
  slice: slice ? `${slice.dimension}:${slice.value}` : '',
  'slice-model': slice?.model ?? '',
});

/** The slice an address names, if it names one of the five dimensions. */
export function parseSliceParams(param: string, model = ''): Slice | undefined {
  const at = param.indexOf(':');
  const dimension = param.slice(0, at);
  return at > 0 && DIMENSIONS.includes(dimension) ? withModel({ dimension, value: param.slice(at + 1) }, model) : undefined;
}

/** The slice's value in words, for the notice above a filtered table: "Model is Model B". */
export const toSliceText = (slice: Slice): string => `${toColumnLabel(slice.dimension)} is ${slice.value}`;

const isMissing = (value: string): boolean => value.endsWith(' not recorded');

/**
 * Whether a failure signifier row lies in a root-cause slice. The metrics stage names a missing value
 * ("Region not recorded") where item_failures holds null, and a firmware slice is "<model> / <firmware>"
 * (not recorded when either is missing): the row's pair is written the same way, not the slice split, since
 * either name may hold the separator, and its model must be the slice's when the slice names one.
 */
export function isInSlice(row: Row, slice: Slice): boolean {
  const { dimension, value } = slice;
  const cell = (column: string): Cell | undefined => row[column];
  if (dimension === 'firmware') {
    const [model, firmware] = [cell('model'), cell('firmware')];
    if (isMissing(value)) return model == null || firmware == null;
    if (slice.model !== undefined && model !== slice.model) return false;
    return model != null && firmware != null && `${String(model)}${FIRMWARE_SEPARATOR}${String(firmware)}` === value;
  }
  return isMissing(value) ? cell(dimension) == null : cell(dimension) === value;
}
