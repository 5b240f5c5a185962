import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { openDb, queryRows, sqlString, type Db } from '../../lib/duckdb.ts';
import { sha256 } from '../../lib/digest.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { readJsonFile } from '../../lib/json.ts';
import {
  DATASET_NAMES,
  DATASET_SCHEMA_VERSION,
  PARTITION_MANIFEST_FILE,
  PARTY_MANIFEST_FILE,
  partyInfoSchema,
  type DatasetEntry,
  type PartitionManifest,
  type PartyInfo,
  type PartyManifest,
} from '../../shared/partitionManifest.ts';
import { REPORT_ROLES } from '../../shared/roles.ts';
import { METRICS_MANIFEST_FILE, metricsManifestSchema } from '../metrics/manifest.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { mapConcurrent } from '../../lib/concurrency.ts';
import { runWorker } from '../../lib/worker.ts';
import { toDatasetShares, toWorkerThreads, type DatasetJob, type WrittenDataset } from './datasets.ts';

/** Each share of the datasets is copied into Arrow on a thread of its own: the copy is JavaScript-bound. */
const WORKER = new URL('./worker.ts', import.meta.url);
/** Two tables hold most rows: beyond a few shares, more gain nothing. */
const MAX_WORKERS = 4;

export type { PartitionManifest } from '../../shared/partitionManifest.ts';
export { PARTITION_MANIFEST_FILE, PARTY_MANIFEST_FILE } from '../../shared/partitionManifest.ts';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

async function readParties(db: Db, file: string): Promise<PartyInfo[]> {
  const rows = await queryRows<{ party_id: string; party_name: string; roles: string[] }>(
    db,
    `SELECT party_id, party_name, roles FROM read_parquet(${sqlString(file)}) ORDER BY party_id`,
  );
  const order = (role: string): number => (REPORT_ROLES as readonly string[]).indexOf(role);
  return rows.map((r) =>
    partyInfoSchema.parse({ partyId: r.party_id, partyName: r.party_name, roles: [...r.roles].sort((a, b) => order(a) - order(b)) }),
  );
}

/** Partition stage: per party, its datasets as Arrow IPC files plus manifests. */
export async function runPartition(ws: Workspace): Promise<PartitionManifest> {
  const metricsDir = stageDir(ws, 'metrics');
  const metrics = await readJsonFile(join(metricsDir, METRICS_MANIFEST_FILE), metricsManifestSchema, { stage: 'metrics' });
  const metricsManifestText = await readFile(join(metricsDir, METRICS_MANIFEST_FILE));
  const inputDigests = { ...metrics.inputDigests, [METRICS_MANIFEST_FILE]: sha256(metricsManifestText) };
  const { db, close } = await openDb(undefined, { timeZoneOptional: true });
  try {
    const parties = await readParties(db, join(metricsDir, 'parties.parquet'));
    return await writeDirAtomic(stageDir(ws, 'partition'), async (dir) => {
      const entries = new Map<string, DatasetEntry[]>(parties.map((p) => [p.partyId, []]));
      for (const p of parties) await mkdir(join(dir, p.partyId));
      const cores = availableParallelism();
      const shares = toDatasetShares(DATASET_NAMES, metrics.tables, Math.min(cores, MAX_WORKERS));
      const threads = toWorkerThreads(cores, shares.length);
      const job = { dir, metricsDir, partyIds: parties.map((p) => p.partyId), tables: metrics.tables, threads };
      // all shares at once; a failure is thrown only once every worker has ended (none still writes into `dir`)
      const written = await mapConcurrent(shares, shares.length, (names) =>
        runWorker<DatasetJob, WrittenDataset[]>(WORKER, { ...job, names }),
      );
      const byName = new Map(written.flat());
      for (const name of DATASET_NAMES) for (const [partyId, entry] of byName.get(name) ?? []) entries.get(partyId)!.push(entry);
      const listed: PartitionManifest['parties'] = [];
      for (const party of parties) {
        const manifest: PartyManifest = {
          schemaVersion: DATASET_SCHEMA_VERSION,
          party,
          month: ws.month,
          datasets: entries.get(party.partyId)!,
          inputDigests,
          policy: metrics.policy,
        };
        const text = json(manifest);
        await writeFile(join(dir, party.partyId, PARTY_MANIFEST_FILE), text);
        listed.push({ ...party, manifest: `${party.partyId}/${PARTY_MANIFEST_FILE}`, sha256: sha256(text) });
      }
      const manifest: PartitionManifest = {
        schemaVersion: DATASET_SCHEMA_VERSION,
        month: ws.month,
        parties: listed,
        inputDigests,
        policy: metrics.policy,
      };
      await writeFile(join(dir, PARTITION_MANIFEST_FILE), json(manifest));
      return manifest;
    });
  } finally {
    close();
  }
}
