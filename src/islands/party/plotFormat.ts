// Build-time stand-in for Plot's format module (astro.config.mjs): the same formatters, but each Intl object is made
// when first used, not when Plot loads. A new tab's first Intl object starts ICU (30–60 ms), and the overview's
// chart formats no number through Plot.
// @ts-expect-error isoformat (Plot's own dependency) ships no types
import { format as isoFormat } from 'isoformat';

function memoize<T>(make: (locale: string, style?: string) => T): (locale: string, style?: string) => T {
  const made = new Map<string, T>();
  return (locale, style) => {
    const key = `${locale}|${style ?? ''}`;
    const found = made.get(key) ?? make(locale, style);
    made.set(key, found);
    return found;
  };
}

const numberFormat = memoize((locale) => new Intl.NumberFormat(locale));
const monthFormat = memoize(
  (locale, month) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...(month && { month: month as 'short' }) }),
);
const weekdayFormat = memoize(
  (locale, weekday) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...(weekday && { weekday: weekday as 'short' }) }),
);

const isAbsent = (i: unknown): boolean => i == null || Number.isNaN(Number(i));
const asString = (x: unknown): unknown => (x == null ? x : `${x as string}`);

export function formatNumber(locale = 'en-US') {
  return (i: number | null | undefined) => (isAbsent(i) ? undefined : numberFormat(locale).format(i as number));
}

export function formatMonth(locale = 'en-US', format = 'short') {
  return (i: unknown) => (isAbsent(i) ? undefined : monthFormat(locale, format).format(new Date(Date.UTC(2000, Number(i)))));
}

export function formatWeekday(locale = 'en-US', format = 'short') {
  return (i: unknown) => (isAbsent(i) ? undefined : weekdayFormat(locale, format).format(new Date(Date.UTC(2001, 0, Number(i)))));
}

export function formatIsoDate(date: Date): string {
  return isoFormat(date, 'Invalid Date') as string;
}

export function formatAuto(locale = 'en-US') {
  const number = formatNumber(locale);
  return (v: unknown) => (v instanceof Date ? formatIsoDate(v) : typeof v === 'number' ? number(v) : asString(v));
}

export const formatDefault = formatAuto();
