import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { CarsError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/digest.ts';
import { readJsonFile } from '../../lib/json.ts';
import {
  PARTITION_MANIFEST_FILE,
  PARTY_MANIFEST_FILE,
  partitionManifestSchema,
  partyManifestSchema,
  type PartitionManifest,
  type PartyManifest,
} from '../../shared/partitionManifest.ts';
import { stageDir, type Workspace } from '../workspace.ts';

export type DatasetRow = Record<string, unknown>;

export async function readPartitionManifest(ws: Workspace): Promise<PartitionManifest> {
  return readJsonFile(join(stageDir(ws, 'partition'), PARTITION_MANIFEST_FILE), partitionManifestSchema, { stage: 'partition' });
}

export async function readPartyManifest(ws: Workspace, partyId: string): Promise<PartyManifest> {
  const top = await readPartitionManifest(ws);
  if (!top.parties.some((p) => p.partyId === partyId)) throw new CarsError('no such party in this month', partyId, '--party');
  return readJsonFile(join(stageDir(ws, 'partition'), partyId, PARTY_MANIFEST_FILE), partyManifestSchema, { stage: 'partition' });
}

/** Rows of one dataset of a party (of all its parts, in manifest order), each file checked against its digest. */
export async function readPartyDataset(ws: Workspace, manifest: PartyManifest, name: string): Promise<DatasetRow[]> {
  const entries = manifest.datasets.filter((d) => d.name === name);
  if (entries.length === 0)
    throw new CarsError('no such dataset', name, `one of ${[...new Set(manifest.datasets.map((d) => d.name))].join(', ')}`);
  const dir = join(stageDir(ws, 'partition'), manifest.party.partyId);
  let rows: DatasetRow[] = [];
  for (const entry of entries) rows = rows.concat(await readDatasetFile(join(dir, entry.file), entry.sha256));
  return rows;
}

async function readDatasetFile(path: string, digest: string): Promise<DatasetRow[]> {
  const bytes = await readFile(path);
  if (sha256(bytes) !== digest) throw new CarsError('dataset does not match its manifest digest', path);
  return tableFromIPC(bytes)
    .toArray()
    .map((row) => {
      const plain = row.toJSON() as DatasetRow;
      for (const [key, value] of Object.entries(plain))
        if (value && typeof value === 'object' && 'toArray' in value)
          plain[key] = Array.from((value as { toArray(): ArrayLike<unknown> }).toArray());
      return plain;
    });
}
