import { z } from 'zod';
import { policySchema } from '../../shared/policy.ts';

export const METRICS_SCHEMA_VERSION = 1;
export const METRICS_MANIFEST_FILE = 'metrics-manifest.json';

export const tableEntrySchema = z.object({
  name: z.string(),
  file: z.string(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
});

/** Cell families with a published parent: `<family>_sec` (reader × cell decisions) and `<family>_contrib` (cell × party volumes). */
export const SECONDARY_FAMILIES = ['item_daily', 'alerts_daily', 'inventory', 'root_causes'] as const;
export type SecondaryFamily = (typeof SECONDARY_FAMILIES)[number];

export const suppressionCountSchema = z.object({
  family: z.enum(SECONDARY_FAMILIES),
  cells: z.number().int().nonnegative(),
  published: z.number().int().nonnegative(),
  primary: z.number().int().nonnegative(),
  secondary: z.number().int().nonnegative(),
  rounds: z.number().int().nonnegative(),
});

export const metricsManifestSchema = z.object({
  schemaVersion: z.literal(METRICS_SCHEMA_VERSION),
  month: z.string(),
  tables: z.array(tableEntrySchema),
  inputDigests: z.record(z.string(), z.string()),
  policy: policySchema,
  /** Reader × cell disclosure decisions per family with a published parent (secondary.ts). */
  suppression: z.array(suppressionCountSchema).default([]),
  /** The previous month whose published figures the cross-month rule compared with; null when it was not built here. */
  previousMonth: z.string().nullable().default(null),
  /** Earlier months whose published figures the month rule compared with (built in the same work folder). */
  comparedMonths: z.array(z.string()).default([]),
});
export type MetricsManifest = z.infer<typeof metricsManifestSchema>;
export type MetricsTable = z.infer<typeof tableEntrySchema>;
export type SuppressionCount = z.infer<typeof suppressionCountSchema>;
