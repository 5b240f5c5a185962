import { CarsError } from './errors.ts';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseMonth(value: string, where = '--month'): string {
  if (!MONTH_PATTERN.test(value)) throw new CarsError('month must be YYYY-MM', value, where);
  return value;
}

/** The month `offset` months after `month` (negative for earlier). */
export function addMonths(month: string, offset: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Month M and up to two months of history before it, oldest first. */
export const toHistoryMonths = (month: string, history = 2): string[] =>
  Array.from({ length: history + 1 }, (_, i) => addMonths(month, i - history));

export const daysInMonth = (month: string): number => {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 0)).getUTCDate();
};

/** UK summer time of `year` as epoch microseconds [start, end): 01:00 UTC on the last Sunday of March to that of October. */
export function toSummerTimeUs(year: number): [bigint, bigint] {
  const lastSunday = (month: number): number => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return last.getTime() - last.getUTCDay() * 86_400_000;
  };
  return [BigInt(lastSunday(2)) * 1000n, BigInt(lastSunday(9)) * 1000n];
}
