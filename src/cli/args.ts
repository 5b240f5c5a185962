import { CarsError } from '../lib/errors.ts';

export function parseRate(value: string, where = '--max-reject-rate'): number {
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new CarsError('must be a fraction between 0 and 1', value, where);
  return rate;
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
