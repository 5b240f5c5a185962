import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/pipeline/metrics/index.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import { readPartitionManifest, readPartyDataset, readPartyManifest, type DatasetRow } from '../../src/pipeline/partition/read.ts';
import { stageDir, type Workspace } from '../../src/pipeline/workspace.ts';
import { openDb, queryRows, sqlString } from '../../src/lib/duckdb.ts';
import { readJsonFile } from '../../src/lib/json.ts';
import { METRICS_MANIFEST_FILE, metricsManifestSchema } from '../../src/pipeline/metrics/manifest.ts';
import { SPLIT_DATASETS, toPartId } from '../../src/shared/datasetParts.ts';
import { DATASET_NAMES } from '../../src/shared/partitionManifest.ts';
import { BUSINESS_PROCESSES, REPORT_ITEMS, toItemsForRole } from '../../src/shared/reportItems.ts';
import { GOLDEN_DATA, GOLDEN_MONTH, buildMonth } from '../metrics/golden.ts';
import { buildTinySample } from './sample.ts';

/** The only columns allowed to name another party: the ED split by energy supplier. */
const SUPPLIER_SPLIT = { dataset: 'ed_n16_n42', columns: ['supplier_id', 'supplier_name'] };

async function readCsvColumn(data: string, month: string, file: string, column: string): Promise<string[]> {
  const [header, ...lines] = (await readFile(join(data, month, file), 'utf8')).trim().split('\n');
  const index = header!.split(',').indexOf(column);
  return lines.map((l) => l.split(',')[index]!).filter(Boolean);
}

async function readAll(ws: Workspace, partyId: string): Promise<Map<string, DatasetRow[]>> {
  const manifest = await readPartyManifest(ws, partyId);
  const all = new Map<string, DatasetRow[]>();
  for (const d of manifest.datasets) if (!all.has(d.name)) all.set(d.name, await readPartyDataset(ws, manifest, d.name));
  return all;
}

function expectEveryItem(partyId: string, roles: string[], datasets: Map<string, DatasetRow[]>): void {
  for (const role of roles as ('IS' | 'ES' | 'GS' | 'ED')[]) {
    for (const item of toItemsForRole(role)) {
      const where = `${partyId} ${role} ${item.id}`;
      if (item.kind === 'srv') {
        const rows = datasets.get('item_monthly')!.filter((r) => r.role === role && r.item_id === item.id);
        expect(rows, where).toHaveLength(1);
        expect(['active', 'no_activity'], where).toContain(rows[0]!.status);
      } else {
        const dataset = item.datasets[0]!;
        const rows = datasets.get(dataset)!.filter((r) => r.role === role && (r.item_id === undefined || r.item_id === item.id));
        expect(rows.length, where).toBeGreaterThan(0);
        expect(['active', 'no_activity'], where).toContain(rows[0]!.status);
      }
    }
  }
}

async function expectIsolated(ws: Workspace, data: string): Promise<void> {
  const ids = await readCsvColumn(data, ws.month, 'parties.csv', 'party_id');
  const names = await readCsvColumn(data, ws.month, 'parties.csv', 'party_name');
  const devices = new Set(await readCsvColumn(data, ws.month, 'devices.csv', 'device_id'));
  const premises = new Set(await readCsvColumn(data, ws.month, 'devices.csv', 'premise_id'));
  const top = await readPartitionManifest(ws);
  for (const party of top.parties) {
    const others = new Set([...ids, ...names].filter((v) => v !== party.partyId && v !== party.partyName));
    for (const [name, rows] of await readAll(ws, party.partyId)) {
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string') continue;
          if (name === SUPPLIER_SPLIT.dataset && SUPPLIER_SPLIT.columns.includes(column)) continue;
          const where = `${party.partyId}/${name}.${column}`;
          expect(others.has(value), `${where} names another party: ${value}`).toBe(false);
          expect(devices.has(value), `${where} holds a device id`).toBe(false);
          expect(premises.has(value), `${where} holds a premise id`).toBe(false);
        }
      }
    }
  }
}

describe('partition of the golden month', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await buildMonth(GOLDEN_DATA, GOLDEN_MONTH);
  });

  it('writes every dataset for every party with a manifest that matches the files', async () => {
    const top = await readPartitionManifest(ws);
    expect(top.parties.map((p) => p.partyId)).toEqual(['DNO1', 'SUPA', 'SUPB', 'SUPC', 'SUPD', 'SUPE']);
    const alpha = await readPartyManifest(ws, 'SUPA');
    expect(alpha.party).toEqual({ partyId: 'SUPA', partyName: 'Alpha Energy', roles: ['IS', 'GS'] });
    expect([...new Set(alpha.datasets.map((d) => d.name))]).toEqual([...DATASET_NAMES]);
    expect(Object.keys(alpha.inputDigests)).toContain('2025-10/service_requests.csv');
    const files = (await readdir(join(stageDir(ws, 'partition'), 'SUPA'))).sort();
    const expected = DATASET_NAMES.flatMap((n) =>
      SPLIT_DATASETS.includes(n) ? BUSINESS_PROCESSES.map((bp) => `${n}.${toPartId(bp)}.arrow`) : [`${n}.arrow`],
    );
    expect(files).toEqual([...expected, 'manifest.json'].sort());
  });

  it('writes item_daily and item_failures as one part per business process, the parts’ rows summing to the whole', async () => {
    const processOf = new Map(REPORT_ITEMS.map((i) => [i.id, toPartId(i.businessProcess)]));
    const metrics = await readJsonFile(join(stageDir(ws, 'metrics'), METRICS_MANIFEST_FILE), metricsManifestSchema);
    const { db, close } = await openDb(undefined, { timeZoneOptional: true });
    try {
      for (const party of (await readPartitionManifest(ws)).parties) {
        const manifest = await readPartyManifest(ws, party.partyId);
        for (const name of SPLIT_DATASETS) {
          const parts = manifest.datasets.filter((d) => d.name === name);
          expect(parts.map((d) => d.part)).toEqual(BUSINESS_PROCESSES.map(toPartId));
          const file = join(stageDir(ws, 'metrics'), metrics.tables.find((t) => t.name === name)!.file);
          const whole = await queryRows<{ item_id: string; n: number }>(
            db,
            `SELECT item_id, count(*)::INTEGER AS n FROM read_parquet(${sqlString(file)}) WHERE party_id = ${sqlString(party.partyId)} GROUP BY item_id`,
          );
          const perPart = new Map<string, number>();
          for (const r of whole) perPart.set(processOf.get(r.item_id)!, (perPart.get(processOf.get(r.item_id)!) ?? 0) + r.n);
          for (const entry of parts) {
            const rows = await readPartyDataset(ws, { ...manifest, datasets: [entry] }, name);
            expect(rows.length, `${party.partyId} ${entry.file}`).toBe(entry.rows);
            expect(rows.length, `${party.partyId} ${entry.file}`).toBe(perPart.get(entry.part!) ?? 0);
            expect(rows.every((r) => processOf.get(String(r.item_id)) === entry.part)).toBe(true);
          }
          const total = whole.reduce((sum, r) => sum + r.n, 0);
          expect((await readPartyDataset(ws, manifest, name)).length).toBe(total);
        }
      }
    } finally {
      close();
    }
    const alpha = await readPartyManifest(ws, 'SUPA');
    expect(alpha.datasets.filter((d) => d.name === 'item_daily' && d.rows > 0).length).toBeGreaterThan(1);
  });

  it('gives every applicable report item of every party an entry', async () => {
    for (const party of (await readPartitionManifest(ws)).parties)
      expectEveryItem(party.partyId, party.roles, await readAll(ws, party.partyId));
  });

  it('keeps other parties’ ids, names, devices and premises out of each party’s datasets', async () => {
    await expectIsolated(ws, GOLDEN_DATA);
    const dno = await readPartyDataset(ws, await readPartyManifest(ws, 'DNO1'), 'ed_n16_n42');
    expect(dno.map((r) => r.supplier_name)).toEqual(['Alpha Energy', 'Bravo Power']);
  });

  it('is deterministic: rebuilding the month gives identical bytes', async () => {
    const before = await readFile(join(stageDir(ws, 'partition'), 'partition-manifest.json'), 'utf8');
    const alphaBefore = await readFile(join(stageDir(ws, 'partition'), 'SUPA', 'manifest.json'), 'utf8');
    // the policy buildMonth wrote
    await runMetrics(ws, { policyPath: join(ws.work, 'policy.json') });
    await runPartition(ws);
    expect(await readFile(join(stageDir(ws, 'partition'), 'partition-manifest.json'), 'utf8')).toBe(before);
    expect(await readFile(join(stageDir(ws, 'partition'), 'SUPA', 'manifest.json'), 'utf8')).toBe(alphaBefore);
  });

  it('stops on a table its worker thread cannot read, keeping the previous output', async () => {
    const manifest = join(stageDir(ws, 'partition'), 'partition-manifest.json');
    const before = await readFile(manifest, 'utf8');
    const listed = await readdir(stageDir(ws, 'partition'));
    const league = join(stageDir(ws, 'metrics'), 'league.parquet');
    const bytes = await readFile(league);
    await writeFile(league, 'not parquet');
    try {
      await expect(runPartition(ws)).rejects.toThrow(/league\.parquet/);
    } finally {
      await writeFile(league, bytes);
    }
    expect(await readFile(manifest, 'utf8')).toBe(before);
    expect(await readdir(stageDir(ws, 'partition'))).toEqual(listed);
  });
});

describe('partition of the generated tiny sample', () => {
  let ws: Workspace;
  let data: string;
  beforeAll(async () => {
    ({ ws, data } = await buildTinySample());
  });

  it('gives every applicable report item of every party an entry (no silent gaps)', async () => {
    const top = await readPartitionManifest(ws);
    expect(top.parties.length).toBeGreaterThan(5);
    for (const party of top.parties) expectEveryItem(party.partyId, party.roles, await readAll(ws, party.partyId));
  });

  it('keeps other parties’ ids, names, devices and premises out of each party’s datasets', async () => {
    await expectIsolated(ws, data);
  });
});
