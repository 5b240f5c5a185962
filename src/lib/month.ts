import { MONTH_PATTERN, addMonths } from '../shared/month.ts';
import { CarsError } from './errors.ts';

export { MONTH_PATTERN, addMonths, daysInMonth } from '../shared/month.ts';

export function parseMonth(value: string, where = '--month'): string {
  if (!MONTH_PATTERN.test(value)) throw new CarsError('month must be YYYY-MM', value, where);
  return value;
}

/** Month M and up to two months of history before it, oldest first. */
export const toHistoryMonths = (month: string, history = 2): string[] =>
  Array.from({ length: history + 1 }, (_, i) => addMonths(month, i - history));

/** UK summer time of `year` as epoch microseconds [start, end): 01:00 UTC on the last Sunday of March to that of October. */
export function toSummerTimeUs(year: number): [bigint, bigint] {
  const lastSunday = (month: number): number => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return last.getTime() - last.getUTCDay() * 86_400_000;
  };
  return [BigInt(lastSunday(2)) * 1000n, BigInt(lastSunday(9)) * 1000n];
}
