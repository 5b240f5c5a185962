import { CarsError } from '../../lib/errors.ts';
import { FILES } from '../contract.ts';
import type { IngestFile } from './schema.ts';

/** Largest rejected/read fraction allowed: `rate` for every input file, unless `files` names its contract file. */
export interface RejectLimits {
  rate: number;
  /** Contract file name (`service_requests`) → its own rate. */
  files: Record<string, number>;
}

const checkRate = (rate: number, where: string): number => {
  if (!(rate >= 0 && rate <= 1)) throw new CarsError('reject rate must be between 0 and 1', String(rate), where);
  return rate;
};

/** Check the limits: rates within 0–1, overrides naming contract files only. */
export function parseRejectLimits(limits: RejectLimits): RejectLimits {
  checkRate(limits.rate, '--max-reject-rate');
  for (const [name, rate] of Object.entries(limits.files)) {
    if (!FILES.some((f) => f.name === name))
      throw new CarsError('unknown input file', name, `--max-reject-rate; one of ${FILES.map((f) => f.name).join(', ')}`);
    checkRate(rate, `--max-reject-rate ${name}=`);
  }
  return limits;
}

export const toLimit = (limits: RejectLimits, name: string): number => limits.files[name] ?? limits.rate;

/** The file's rejected fraction and the limit it is held to. */
export function toFileRate(file: Pick<IngestFile, 'name' | 'rowsRead' | 'rowsRejected'>, limits: RejectLimits) {
  const rejectRate = file.rowsRead === 0 ? 0 : file.rowsRejected / file.rowsRead;
  const maxRejectRate = toLimit(limits, file.name);
  return { rejectRate, maxRejectRate, withinThreshold: rejectRate <= maxRejectRate };
}

/** `0.5` or `0.5, service_requests 0.001`, as the summary and errors show the limits. */
export const toLimitsText = (limits: RejectLimits): string =>
  [String(limits.rate), ...Object.entries(limits.files).map(([name, rate]) => `${name} ${rate}`)].join(', ');
