import { CarsError } from '../lib/errors.ts';

export function parseRate(value: string, where = '--max-reject-rate'): number {
  const rate = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new CarsError('must be a fraction between 0 and 1', value, where);
  return rate;
}

/**
 * `--max-reject-rate` values: a bare fraction is every file's default, `NAME=F` a contract file's own
 * (`service_requests=0.001`); the flag may be repeated.
 */
export function parseRejectRates(value: unknown): { maxRejectRate: number; maxRejectRates: Record<string, number> } {
  const values = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  let maxRejectRate: number | undefined;
  const maxRejectRates: Record<string, number> = {};
  for (const item of values) {
    const [name, rate] = item.includes('=') ? item.split('=', 2) : [undefined, item];
    if (name === undefined) {
      if (maxRejectRate !== undefined) throw new CarsError('default reject rate given twice', item, '--max-reject-rate');
      maxRejectRate = parseRate(item);
    } else {
      if (name in maxRejectRates) throw new CarsError('reject rate given twice for a file', name, '--max-reject-rate');
      maxRejectRates[name] = parseRate(rate ?? '', `--max-reject-rate ${name}=`);
    }
  }
  return { maxRejectRate: maxRejectRate ?? 0, maxRejectRates };
}

export function parseInteger(value: string, where: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CarsError(`must be a whole number >= ${min}`, value, where);
  return n;
}

export function requireOption(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new CarsError('missing option', flag, 'see --help');
  return value;
}
