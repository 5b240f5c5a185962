import { join, resolve } from 'node:path';

/**
 * Where each stage reads and writes. Plaintext work files live under the work folder,
 * never under the output folder that gets published.
 *
 *   <work>/<month>/ingest/     month.duckdb, ingest-manifest.json, reject-report.json
 *   <work>/<month>/metrics/    <table>.parquet, metrics-manifest.json
 *   <work>/<month>/partition/  <partyId>/<dataset>.arrow, <partyId>/manifest.json, partition-manifest.json
 *   <work>/<month>/pack-csv/   <partyId>/*.csv, downloads-manifest.json
 *   <work>/<month>/seal/       u/<slug>/{keyring.json,data/*.sealed}, seal-manifest.json
 *   <work>/<month>/pack-pdf/   <partyId>/report.pdf, pdf-manifest.json
 *   <out>/<month>/             the published month (public pages, u/<slug>/ sealed files)
 */
export interface Workspace {
  work: string;
  out: string;
  month: string;
}

export const toWorkspace = (options: { work?: string; out?: string; month: string }): Workspace => ({
  work: resolve(options.work ?? 'work'),
  out: resolve(options.out ?? 'dist'),
  month: options.month,
});

/** Stages that write a folder under `<work>/<month>/` (host writes `host/`, site the output month). */
export type WorkStage = 'ingest' | 'metrics' | 'partition' | 'audit' | 'pack-csv' | 'seal' | 'site' | 'pack-pdf';

export const stageDir = (ws: Workspace, stage: WorkStage): string => join(ws.work, ws.month, stage);
export const monthOutDir = (ws: Workspace): string => join(ws.out, ws.month);
