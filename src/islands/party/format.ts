import type { Cell, Row } from '../../site/arrowRows.ts';

/**
 * `|value| × 10^shift` with `digits` decimals, rounded as ICU rounds: from the number's shortest decimal form (what
 * `String(value)` shows), ties away from zero. (`toFixed` rounds the binary value: 0.1235 gives 0.123, ICU 0.124.)
 */
function toRoundedText(value: number, digits: number, shift: number): string {
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  const figures = mantissa.replace('.', '');
  const keep = Number(exponent) + shift + digits + 1;
  const kept = keep > 0 ? figures.slice(0, keep).padEnd(keep, '0') : '0';
  const next = keep >= 0 ? (figures[keep] ?? '0') : '0';
  const text = (BigInt(kept) + (next >= '5' ? 1n : 0n)).toString().padStart(digits + 1, '0');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return sign + text.slice(0, text.length - digits) + (digits ? `.${text.slice(-digits)}` : '');
}

const withGroups = (text: string): string => text.replace(/\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

const notANumber = (value: number): string => (Number.isNaN(value) ? 'NaN' : value < 0 ? '-∞' : '∞');

/**
 * `value` with `digits` decimals and its thousands grouped, as en-GB's `Intl.NumberFormat` writes it. Not Intl
 * itself: a new tab's first Intl object starts ICU, 30–60 ms of the first view on our machine.
 */
export const toGrouped = (value: number, digits: number): string =>
  Number.isFinite(value) ? withGroups(toRoundedText(value, digits, 0)) : notANumber(value);

/** A 0–1 rate as a percentage with one decimal, as Intl's percent style writes it. */
export const toPercentText = (rate: number): string =>
  `${Number.isFinite(rate) ? withGroups(toRoundedText(rate, 1, 2)) : notANumber(rate)}%`;

/** A 0–1 rate as percentage points with one decimal, rounded as `toPercentText` rounds (0.1235 → 12.4). */
export const toPercentPoints = (rate: number): number => Number(toRoundedText(rate, 1, 2));

/** Times in seconds: named `…_s`, and the alert delivery statistics, whose dataset columns carry no suffix. */
export const isSecondsColumn = (column: string): boolean => /((^|_)s|(^|_)delivery_(min|max|mean|median))$/.test(column);

/** Measures that are fractional by nature (seconds, expected and excess failures) keep two decimals even when whole. */
const isDecimalColumn = (column: string): boolean => isSecondsColumn(column) || /(^excess_failures|^expected_failures)$/.test(column);

export const isRateColumn = (column: string): boolean => /((^|_)(rate|share)|_pct)$/.test(column);

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/;

/** A table of one measure per row (`measure: 'success rate (%)'`) states the unit in the row, not the column. */
const isPercentRow = (row: Row | undefined): boolean => typeof row?.measure === 'string' && row.measure.endsWith('(%)');

function formatNumber(column: string, value: number, row: Row | undefined): string {
  if (column.endsWith('_pct') || (column !== 'measure' && isPercentRow(row))) return `${toGrouped(value, 1)}%`;
  if (isRateColumn(column)) return toPercentText(value);
  return Number.isInteger(value) && !isDecimalColumn(column) ? toGrouped(value, 0) : toGrouped(value, 2);
}

/**
 * Display text of a cell (tables only; CSV keeps raw values); `row` is the cell's row, for units stated per row.
 * A negative number has a minus sign, as the standing table's differences do, not a hyphen.
 */
export function formatCell(column: string, value: Cell, row?: Row): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return `${value.length} values`;
  if (typeof value === 'number') return formatNumber(column, value, row).replace('-', '−');
  // Timestamps read as date and time, not ISO's `T…Z` (the CSV keeps the raw value).
  const text = String(value);
  const stamp = TIMESTAMP.exec(text);
  return stamp ? `${stamp[1]} ${stamp[2]} UTC` : text;
}

const UNIT_SUFFIXES: Record<string, string> = { s: ' (s)', pct: ' (%)' };
/** Columns whose name says too little read as the SRV they count. */
const NAMED_COLUMNS: Record<string, string> = {
  n_8141: 'Install and Commission (8.14.1)',
  n_8142: 'Install and Leave (8.14.2)',
};

/**
 * Column heading from a column name, with its unit: `rtt_median_s` → `RTT median (s)`, `success_rate_pct` →
 * `Success rate (%)`, `delivery_median` → `Delivery median (s)`.
 */
export function toColumnLabel(column: string): string {
  const named = NAMED_COLUMNS[column];
  if (named) return named;
  const words = column.split('_').map((w) => (['rtt', 'id', 'smets', 'srv'].includes(w) ? w.toUpperCase() : w));
  const suffix = UNIT_SUFFIXES[words.at(-1) ?? ''];
  const text = (suffix ? words.slice(0, -1) : words).join(' ');
  const unit = suffix ?? (isSecondsColumn(column) ? ' (s)' : '');
  return text.charAt(0).toUpperCase() + text.slice(1) + unit;
}
