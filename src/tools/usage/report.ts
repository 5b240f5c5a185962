import { z } from 'zod';

/** Usage of one party's report in one month. No recipient id, address or user agent: counts and times only. */
export const partyUsageSchema = z.object({
  party: z.string(),
  month: z.string(),
  /** Distinct basic-auth users that opened the month's report. */
  recipients: z.number().int().nonnegative(),
  /** Sessions: a recipient's requests to the party's area with no gap over 30 minutes. */
  visits: z.number().int().nonnegative(),
  /** Report pages loaded (the party shell, `/<month>/u/<slug>/`). */
  reportOpens: z.number().int().nonnegative(),
  /** Datasets fetched: each view fetches its datasets once per page (views themselves switch in the browser). */
  datasetsOpened: z.number().int().nonnegative(),
  datasets: z.record(z.string(), z.number().int().nonnegative()),
  downloads: z.number().int().nonnegative(),
  csvDownloads: z.number().int().nonnegative(),
  pdfDownloads: z.number().int().nonnegative(),
  /** Requests refused by the host: 401 with a user name (wrong password), 403 (another party's user). */
  refused: z.number().int().nonnegative(),
  firstVisit: z.string().nullable(),
  lastVisit: z.string().nullable(),
});
export type PartyUsage = z.infer<typeof partyUsageSchema>;

export const skippedLineSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), reason: z.string() });
export type SkippedLine = z.infer<typeof skippedLineSchema>;

export const usageReportSchema = z.object({
  linesRead: z.number().int().nonnegative(),
  linesSkipped: z.number().int().nonnegative(),
  /** The first few skipped lines: where and why, never their text (it holds addresses). */
  skipped: z.array(skippedLineSchema),
  months: z.array(z.string()),
  totals: z.object({
    requests: z.number().int().nonnegative(),
    publicRequests: z.number().int().nonnegative(),
    partyRequests: z.number().int().nonnegative(),
    /** Requests to a slug the registry does not hold (guesses, or a party removed since). */
    unknownAreaRequests: z.number().int().nonnegative(),
    recipients: z.number().int().nonnegative(),
    visits: z.number().int().nonnegative(),
    reportOpens: z.number().int().nonnegative(),
    datasetsOpened: z.number().int().nonnegative(),
    downloads: z.number().int().nonnegative(),
    refused: z.number().int().nonnegative(),
  }),
  parties: z.array(partyUsageSchema),
  neverOpened: z.array(z.object({ month: z.string(), parties: z.array(z.string()) })),
});
export type UsageReport = z.infer<typeof usageReportSchema>;
