/** Reporting months `YYYY-MM`: the one pattern and the calendar arithmetic, for Node and the browser alike. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month `offset` months after `month` (negative for earlier). */
export function addMonths(month: string, offset: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const daysInMonth = (month: string): number => {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 0)).getUTCDate();
};

/** `YYYY-MM-DD` of a month's last day. */
export const toLastDay = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
