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

export const metricsManifestSchema = z.object({
  schemaVersion: z.literal(METRICS_SCHEMA_VERSION),
  month: z.string(),
  tables: z.array(tableEntrySchema),
  inputDigests: z.record(z.string(), z.string()),
  policy: policySchema,
});
export type MetricsManifest = z.infer<typeof metricsManifestSchema>;
export type MetricsTable = z.infer<typeof tableEntrySchema>;
