import { z } from 'zod';
import { MONTH_PATTERN } from './month.ts';

/** One input file of the reporting month: the rows ingest rejected and the rate the operator accepted (`--max-reject-rate`). */
export const inputRejectsSchema = z.object({
  /** Contract file name (`service_requests`). */
  file: z.string(),
  rowsRead: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
  rejectRate: z.number().min(0).max(1),
  maxRejectRate: z.number().min(0).max(1),
});
export type InputRejects = z.infer<typeof inputRejectsSchema>;

/** Facts about the month that public pages state (`work/<M>/site/month-facts.json`, written by the site stage). */
export const monthFactsSchema = z.object({
  month: z.string().regex(MONTH_PATTERN),
  /** Every input file of the month, in contract order. */
  inputRejects: z.array(inputRejectsSchema),
});
export type MonthFacts = z.infer<typeof monthFactsSchema>;
