import { z } from 'zod';
import { MONTH_PATTERN } from './month.ts';
import { policySchema } from './policy.ts';
import { REPORT_ROLES } from './roles.ts';

/** File names of the stage manifests and the per-party manifest. */
export const PARTITION_MANIFEST_FILE = 'partition-manifest.json';
export const PARTY_MANIFEST_FILE = 'manifest.json';
export const DOWNLOADS_MANIFEST_FILE = 'downloads-manifest.json';
export const SEAL_MANIFEST_FILE = 'seal-manifest.json';
/** A party's own insight notes, sealed beside its datasets. */
export const INSIGHTS_FILE = 'insights.json';

const SHA256 = /^[0-9a-f]{64}$/;

/** Bumped when a dataset or column changes meaning (docs/data-contract.md). */
export const DATASET_SCHEMA_VERSION = 1;

/** Per-party datasets, in manifest order. docs/data-contract.md describes every column. */
export const DATASET_NAMES = [
  'item_monthly',
  'item_peers',
  'item_daily',
  'item_failures',
  'item_codes',
  'root_causes',
  'league',
  'no_read_30d',
  'installs_daily',
  'cos_gain',
  'alerts_daily',
  'alerts_monthly',
  'ed_alert_counts',
  'ed_n16_n42',
  'ed_outages',
  'inventory',
  'inventory_peers',
  'incidents',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Arrow column types used by the datasets. */
export const ARROW_TYPES = ['utf8', 'int32', 'float64', 'bool', 'list<int32>'] as const;

export const datasetEntrySchema = z.object({
  name: z.enum(DATASET_NAMES),
  /** Set on each part of a dataset split per business process (src/shared/datasetParts.ts); the parts' rows together are the dataset. */
  part: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  file: z.string(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256),
  columns: z.array(z.object({ name: z.string(), type: z.enum(ARROW_TYPES) })),
});

/** A per-party file offered for download (CSV by pack-csv, the PDF by pack-pdf); sealed like the datasets. */
export const downloadEntrySchema = z.object({
  name: z.string(),
  file: z.string().regex(/^[A-Za-z0-9._-]+$/),
  rows: z.number().int().nonnegative().optional(),
  sha256: z.string().regex(SHA256),
  format: z.enum(['csv', 'pdf']),
});

export const partyInfoSchema = z.object({
  partyId: z.string().regex(/^[A-Z0-9]{2,12}$/),
  partyName: z.string(),
  roles: z.array(z.enum(REPORT_ROLES)),
});

export const partyManifestSchema = z.object({
  schemaVersion: z.literal(DATASET_SCHEMA_VERSION),
  party: partyInfoSchema,
  month: z.string().regex(MONTH_PATTERN),
  datasets: z.array(datasetEntrySchema),
  inputDigests: z.record(z.string(), z.string()),
  policy: policySchema,
  /** Added when sealing, from the pack-csv downloads list; partition never writes it. */
  downloads: z.array(downloadEntrySchema).optional(),
  /** Added when sealing: the analytics team's notes for this party (its roles or its id), sealed with its data. */
  insights: z.object({ file: z.literal(INSIGHTS_FILE), sha256: z.string().regex(SHA256) }).optional(),
});

export const partitionManifestSchema = z.object({
  schemaVersion: z.literal(DATASET_SCHEMA_VERSION),
  month: z.string(),
  parties: z.array(partyInfoSchema.extend({ manifest: z.string(), sha256: z.string() })),
  inputDigests: z.record(z.string(), z.string()),
  policy: policySchema,
});

/**
 * The list pack-csv and pack-pdf each write in their own folder (`work/<M>/pack-csv/`, `work/<M>/pack-pdf/`),
 * files under `<partyId>/` beside it; seal reads both. pack-pdf records the party manifest it printed from,
 * so seal leaves out a PDF of an earlier partition.
 */
export const downloadsManifestSchema = z.object({
  month: z.string().regex(MONTH_PATTERN),
  parties: z.array(
    z.object({
      partyId: z.string(),
      partyManifestSha256: z.string().regex(SHA256).optional(),
      downloads: z.array(downloadEntrySchema),
    }),
  ),
});

export type DatasetEntry = z.infer<typeof datasetEntrySchema>;
export type PartyInfo = z.infer<typeof partyInfoSchema>;
export type PartyManifest = z.infer<typeof partyManifestSchema>;
export type PartitionManifest = z.infer<typeof partitionManifestSchema>;
export type DownloadEntry = z.infer<typeof downloadEntrySchema>;
export type DownloadsManifest = z.infer<typeof downloadsManifestSchema>;
