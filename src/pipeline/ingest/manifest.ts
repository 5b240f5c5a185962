import { queryRows, type Db } from '../../lib/duckdb.ts';
import { FILES, LOADED_DB_FILE, fileSpec } from '../contract.ts';
import type { DatasetLayout } from './locate.ts';
import { IngestManifestSchema, REJECT_REPORT_FILE, type HistoryMonth, type IngestFile, type IngestManifest } from './schema.ts';
import { toFileRate, type RejectLimits } from './threshold.ts';

/** Per input file: rows read, accepted, rejected and loaded, checked against each other. */
export async function countFiles(db: Db, layout: DatasetLayout, sha: string[], limits: RejectLimits): Promise<IngestFile[]> {
  const read = await queryRows<{ fi: number; parsed: bigint; dropped: bigint; rejected: bigint }>(
    db,
    `SELECT fi::INTEGER AS fi, (SELECT sum(n) FROM parsed p WHERE p.fi = f.fi) AS parsed, (SELECT count(*) FROM malformed m WHERE m.fi = f.fi) AS dropped,
       (SELECT count(*) FROM reject_lines l WHERE l.fi = f.fi) AS rejected
     FROM range(${layout.files.length}) f(fi)`,
  );
  const views = await queryRows<{ name: string }>(
    db,
    `SELECT view_name AS name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal`,
  );
  const inPlace = new Set(views.map((v) => v.name));
  const loaded = new Map<string, number>();
  for (const { name } of FILES) {
    for (const row of await queryRows<{ month: string; n: bigint }>(db, `SELECT month, count(*) AS n FROM main.${name} GROUP BY month`)) {
      loaded.set(`${name}/${row.month}`, Number(row.n));
    }
  }
  return layout.files.map((file, fi) => {
    const counts = read.find((r) => r.fi === fi);
    const rowsRead = Number(counts?.parsed ?? 0) + Number(counts?.dropped ?? 0);
    const rowsRejected = Number(counts?.rejected ?? 0);
    const rowsAccepted = rowsRead - rowsRejected;
    const rowsLoaded = loaded.get(`${file.name}/${file.month}`) ?? 0;
    const partial = file.month !== layout.month && fileSpec(file.name).historyRows !== undefined;
    if (partial ? rowsLoaded > rowsAccepted : rowsLoaded !== rowsAccepted) {
      throw new Error(`ingest bug: ${file.shown} read ${rowsRead}, rejected ${rowsRejected}, loaded ${rowsLoaded}`);
    }
    return {
      month: file.month,
      name: file.name,
      path: file.shown,
      format: file.format,
      bytes: file.bytes,
      sha256: sha[fi] ?? '',
      rowsRead,
      rowsAccepted,
      rowsRejected,
      rowsLoaded,
      readInPlace: file.month === layout.month && inPlace.has(file.name),
      ...toFileRate({ name: file.name, rowsRead, rowsRejected }, limits),
    };
  });
}

function toWarnings(files: IngestFile[], month: string): string[] {
  return files
    .filter((f) => f.rowsRead === 0 && !(f.name === 'incidents'))
    .map((f) => `${f.path} has no rows${f.month === month ? '' : ' (history month)'}`);
}

export interface ManifestParts {
  layout: DatasetLayout;
  limits: RejectLimits;
  files: IngestFile[];
  code: string;
  history: HistoryMonth[];
  crossMonthDuplicates: number;
}

/** The ingest manifest of a validated load. */
export function toManifest({ layout, limits, files, code, history, crossMonthDuplicates }: ManifestParts): IngestManifest {
  const rowsRead = files.reduce((s, f) => s + f.rowsRead, 0);
  const rowsAccepted = files.reduce((s, f) => s + f.rowsAccepted, 0);
  const rowsRejected = files.reduce((s, f) => s + f.rowsRejected, 0);
  return IngestManifestSchema.parse({
    schema: 'cars.ingest-manifest/2',
    month: layout.month,
    data: layout.data,
    monthsLoaded: layout.months,
    monthsMissing: layout.missing,
    database: LOADED_DB_FILE,
    rejectReport: REJECT_REPORT_FILE,
    maxRejectRate: limits.rate,
    maxRejectRates: limits.files,
    rowsRead,
    rowsAccepted,
    rowsRejected,
    rejectRate: rowsRead === 0 ? 0 : rowsRejected / rowsRead,
    withinThreshold: files.every((f) => f.withinThreshold),
    files,
    warnings: toWarnings(files, layout.month),
    code,
    crossMonthDuplicates,
    history,
  } satisfies IngestManifest);
}
