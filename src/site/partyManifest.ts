import * as z from 'zod/mini';
import { MONTH_PATTERN } from '../shared/month.ts';
import { REPORT_ROLES } from '../shared/roles.ts';

// The pages' CSP forbids eval: skip zod's `new Function` probe and compiled parsers (the probe is a reported violation).
z.config({ jitless: true });

/**
 * The decrypted party manifest (`data/manifest.json.sealed`): the part of src/shared/partitionManifest.ts
 * the browser reads. It stays a separate zod/mini copy because the shared one is full zod and carries the
 * policy and column schemas: importing it would put full zod into the signed-in bundle, which sits at
 * its 200 KB budget. tests/site/shapes.test.ts checks both accept the same manifests.
 */
export const partyManifestSchema = z.object({
  party: z.object({ partyId: z.string(), partyName: z.string(), roles: z.array(z.enum(REPORT_ROLES)) }),
  month: z.string().check(z.regex(MONTH_PATTERN)),
  datasets: z.array(
    z.object({
      name: z.string().check(z.regex(/^[a-z0-9_]+$/)),
      /** One business process's rows of a dataset listed in parts; a dataset without parts has one entry. */
      part: z.optional(z.string()),
      file: z.string(),
      rows: z.number().check(z.int(), z.nonnegative()),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    }),
  ),
  /** Files packed for download (device list, alerts per code, failures, the PDF); sealed like the datasets. */
  downloads: z.optional(
    z.array(
      z.object({
        name: z.string(),
        file: z.string().check(z.regex(/^[A-Za-z0-9._-]+$/)),
        rows: z.optional(z.number()),
        sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
        format: z.enum(['csv', 'pdf']),
      }),
    ),
  ),
  /** The analytics team's notes for this party, sealed like the datasets: `{ notes: [{ id, title, date, html }] }`. */
  insights: z.optional(z.object({ file: z.literal('insights.json'), sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)) })),
});
export type PartyManifest = z.infer<typeof partyManifestSchema>;
export type DatasetEntry = PartyManifest['datasets'][number];
export type DownloadEntry = NonNullable<PartyManifest['downloads']>[number];
