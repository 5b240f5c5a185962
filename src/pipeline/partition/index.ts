import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDb, queryRows, sqlString, type Db } from '../../lib/duckdb.ts';
import { sha256 } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
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
import { METRICS_MANIFEST_FILE, metricsManifestSchema, type MetricsTable } from '../metrics/manifest.ts';
import { mapPooled } from '../../lib/concurrency.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { toArrowType, writeArrowFile } from './arrow.ts';
import { streamTableByParty, type PartyDataHandler } from './arrowWriter/index.ts';
import { toDatasetFile, toPartOrder, toProcessSplit } from './parts.ts';

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

/** One dataset's Arrow files, each party's (or each party's parts); its manifest entries by party, parts in registry order. */
async function writeDataset(
  db: Db,
  where: { dir: string; metricsDir: string; partyIds: readonly string[] },
  name: DatasetEntry['name'],
  tables: readonly MetricsTable[],
): Promise<[string, DatasetEntry][]> {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new CarsError('metrics table missing', name, METRICS_MANIFEST_FILE);
  const columns = table.columns.filter((c) => c.name !== 'party_id').map((c) => ({ name: c.name, type: toArrowType(c.type) }));
  const written: [string, DatasetEntry][] = [];
  const onParty: PartyDataHandler = async (partyId, data, rows, part) => {
    const file = toDatasetFile(name, part);
    const digest = await writeArrowFile(
      join(where.dir, partyId, file),
      columns.map((c, k) => ({ name: c.name, data: data[k]! })),
    );
    written.push([partyId, { name, ...(part ? { part } : {}), file, rows, sha256: digest, columns }]);
  };
  await streamTableByParty(db, join(where.metricsDir, table.file), table.columns, where.partyIds, onParty, toProcessSplit(name));
  return written.sort(([, a], [, b]) => toPartOrder(a.part) - toPartOrder(b.part));
}

/** Partition stage: per party, its datasets as Arrow IPC files plus manifests. */
export async function runPartition(ws: Workspace): Promise<PartitionManifest> {
  const metricsDir = stageDir(ws, 'metrics');
  const metrics = await readJsonFile(join(metricsDir, METRICS_MANIFEST_FILE), metricsManifestSchema, { stage: 'metrics' });
  const metricsManifestText = await readFile(join(metricsDir, METRICS_MANIFEST_FILE));
  const inputDigests = { ...metrics.inputDigests, [METRICS_MANIFEST_FILE]: sha256(metricsManifestText) };
  const { db, connect, close } = await openDb(undefined, { timeZoneOptional: true });
  try {
    const parties = await readParties(db, join(metricsDir, 'parties.parquet'));
    return await writeDirAtomic(stageDir(ws, 'partition'), async (dir) => {
      const entries = new Map<string, DatasetEntry[]>(parties.map((p) => [p.partyId, []]));
      for (const p of parties) await mkdir(join(dir, p.partyId));
      const partyIds = parties.map((p) => p.partyId);
      // two datasets at once: one's rows are copied into Arrow (JavaScript) while DuckDB reads the other's
      const pool = [db, await connect()];
      const written = await mapPooled(DATASET_NAMES, pool, (name, connection) =>
        writeDataset(connection, { dir, metricsDir, partyIds }, name, metrics.tables),
      );
      for (const dataset of written) for (const [partyId, entry] of dataset) entries.get(partyId)!.push(entry);
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
