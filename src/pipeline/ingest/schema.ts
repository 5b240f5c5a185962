import { z } from 'zod';

/** One rejected input row, as the reject report and the summary show it. */
export const RejectRecordSchema = z.object({
  /** Input file relative to the dataset folder, e.g. `2024-10/service_requests.csv`. */
  file: z.string(),
  /** Line as an editor counts it: the header is line 1 (Parquet: row n is line n + 1). */
  line: z.number().int().positive(),
  column: z.string(),
  reason: z.string(),
  value: z.string().nullable(),
});
export type RejectRecord = z.infer<typeof RejectRecordSchema>;

export const ReasonCountSchema = z.object({
  file: z.string(),
  column: z.string(),
  reason: z.string(),
  count: z.number().int().positive(),
});
export type ReasonCount = z.infer<typeof ReasonCountSchema>;

/** At most this many example rows per file × reason in the report; every row is in `rejects.parquet`. */
export const EXAMPLES_PER_REASON = 100;

/** Small whatever the input: exact counts, a bounded set of examples, and where every rejected row is. */
export const RejectReportSchema = z.object({
  schema: z.literal('cars.reject-report/2'),
  month: z.string(),
  total: z.number().int().nonnegative(),
  byReason: z.array(ReasonCountSchema),
  /** The first EXAMPLES_PER_REASON rows of each file × reason, in file and line order. */
  examples: z.array(RejectRecordSchema),
  /** Every rejected row (file, line, column, reason, value), beside the report. */
  rejectsFile: z.string(),
});
export type RejectReport = z.infer<typeof RejectReportSchema>;

export const IngestFileSchema = z.object({
  month: z.string(),
  /** Contract file name (`service_requests`). */
  name: z.string(),
  /** Relative to the dataset folder. */
  path: z.string(),
  format: z.enum(['csv', 'parquet']),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rowsRead: z.number().int().nonnegative(),
  rowsAccepted: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
  /** Accepted rows in the loaded database: all of them, except for history months of files with `historyRows`. */
  rowsLoaded: z.number().int().nonnegative(),
  /** The loaded database reads this file where it lies (see `readInPlace` in contract.ts): readers re-check its digest. */
  readInPlace: z.boolean(),
  /** rowsRejected / rowsRead (0 for an empty file). */
  rejectRate: z.number().min(0).max(1),
  /** The largest rate accepted for this file: its own `--max-reject-rate NAME=F`, else the default. */
  maxRejectRate: z.number().min(0).max(1),
  withinThreshold: z.boolean(),
});
export type IngestFile = z.infer<typeof IngestFileSchema>;

/** A history month: taken from its own ingest (`reused`) or validated again, and why. */
export const HistoryMonthSchema = z.object({
  month: z.string(),
  reused: z.boolean(),
  /** Why the month was validated again; null when reused. */
  reason: z.string().nullable(),
});
export type HistoryMonth = z.infer<typeof HistoryMonthSchema>;

export const IngestManifestSchema = z.object({
  schema: z.literal('cars.ingest-manifest/2'),
  month: z.string(),
  /** Resolved dataset folder the files were read from. */
  data: z.string(),
  /** Month folders loaded, oldest first; the last one is `month`. */
  monthsLoaded: z.array(z.string()).min(1),
  /** History months that had no folder. */
  monthsMissing: z.array(z.string()),
  database: z.string(),
  rejectReport: z.string(),
  /** Default largest rejected/read fraction of each file. */
  maxRejectRate: z.number().min(0).max(1),
  /** Per contract file (`service_requests`), overriding the default. */
  maxRejectRates: z.record(z.string(), z.number().min(0).max(1)),
  rowsRead: z.number().int().nonnegative(),
  rowsAccepted: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
  /** Of all files read, the reporting month's and its history months'. */
  rejectRate: z.number().min(0).max(1),
  /** False when some file's rate exceeds its limit: later stages must not use this load. */
  withinThreshold: z.boolean(),
  files: z.array(IngestFileSchema),
  warnings: z.array(z.string()),
  /** Digest of the validation code, the reference lists and DuckDB's version: a later month reuses this load only under the same. */
  code: z.string().optional(),
  /** Rows of the reporting month whose id an earlier loaded month holds; a later month reuses this load only when 0. */
  crossMonthDuplicates: z.number().int().nonnegative().optional(),
  /** Each loaded history month, reused or validated again. */
  history: z.array(HistoryMonthSchema).optional(),
});
export type IngestManifest = z.infer<typeof IngestManifestSchema>;

export const INGEST_MANIFEST_FILE = 'ingest-manifest.json';
export const REJECT_REPORT_FILE = 'reject-report.json';
export const REJECTS_PARQUET_FILE = 'rejects.parquet';
