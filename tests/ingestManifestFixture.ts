/**
 * A synthetic ingest manifest for tests of later stages (site, archive) that do not run ingest: the six
 * contract files of one month, `rowsRead` rows each unless given, rejected rows as given.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES } from '../src/pipeline/contract.ts';
import { INGEST_MANIFEST_FILE, IngestManifestSchema, type IngestManifest } from '../src/pipeline/ingest/index.ts';

export interface FileCounts {
  rowsRead: number;
  rowsRejected: number;
  maxRejectRate?: number;
}

export function buildIngestManifest(month: string, counts: Record<string, FileCounts> = {}): IngestManifest {
  const files = FILES.map(({ name }) => {
    const { rowsRead = 100, rowsRejected = 0, maxRejectRate = 0 } = counts[name] ?? {};
    const rejectRate = rowsRead === 0 ? 0 : rowsRejected / rowsRead;
    const rowsAccepted = rowsRead - rowsRejected;
    return {
      month,
      name,
      path: `${month}/${name}.csv`,
      format: 'csv' as const,
      bytes: 1,
      sha256: 'a'.repeat(64),
      rowsRead,
      rowsAccepted,
      rowsRejected,
      rowsLoaded: rowsAccepted,
      readInPlace: false,
      rejectRate,
      maxRejectRate,
      withinThreshold: rejectRate <= maxRejectRate,
    };
  });
  const sum = (key: 'rowsRead' | 'rowsAccepted' | 'rowsRejected'): number => files.reduce((n, f) => n + f[key], 0);
  return IngestManifestSchema.parse({
    schema: 'cars.ingest-manifest/2',
    month,
    data: '/fixture',
    monthsLoaded: [month],
    monthsMissing: [],
    database: 'month.duckdb',
    rejectReport: 'reject-report.json',
    maxRejectRate: 0,
    maxRejectRates: Object.fromEntries(Object.entries(counts).flatMap(([name, c]) => (c.maxRejectRate ? [[name, c.maxRejectRate]] : []))),
    rowsRead: sum('rowsRead'),
    rowsAccepted: sum('rowsAccepted'),
    rowsRejected: sum('rowsRejected'),
    rejectRate: sum('rowsRejected') / sum('rowsRead'),
    withinThreshold: files.every((f) => f.withinThreshold),
    files,
    warnings: [],
  });
}

/** Write it where the ingest stage would: `<monthDir>/ingest/ingest-manifest.json`. */
export async function writeIngestManifest(monthDir: string, manifest: IngestManifest): Promise<void> {
  await mkdir(join(monthDir, 'ingest'), { recursive: true });
  await writeFile(join(monthDir, 'ingest', INGEST_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
