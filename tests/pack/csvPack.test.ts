import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, queryRows, sqlString } from '../../src/lib/duckdb.ts';
import { packCsvDir, runPackCsv } from '../../src/pipeline/pack-csv/index.ts';
import { parsePartyManifestJson } from '../../src/pipeline/seal/partyDownloads.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import { readPartyDataset, readPartyManifest } from '../../src/pipeline/partition/read.ts';
import { readPackedDownloads, readPartyInput } from '../../src/pipeline/seal/partitionInput.ts';
import { runSeal } from '../../src/pipeline/seal/sealStage.ts';
import { stageDir, type Workspace } from '../../src/pipeline/workspace.ts';
import { buildMonth, GOLDEN_MONTH } from '../metrics/golden.ts';
import { FORMULA_FIRMWARE, FORMULA_MODEL, writeFormulaFixture } from './csvFixture.ts';

let ws: Workspace;
const partyDir = (partyId: string): string => join(packCsvDir(ws), partyId);
const unescape = (v: unknown): unknown => (typeof v === 'string' && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

async function readCsv(path: string): Promise<Record<string, unknown>[]> {
  const { db, close } = await openDb();
  try {
    return await queryRows(db, `SELECT * FROM read_csv(${sqlString(path)}, header = true, all_varchar = true)`);
  } finally {
    close();
  }
}

beforeAll(async () => {
  ws = await buildMonth(await writeFormulaFixture(), GOLDEN_MONTH);
  await runPackCsv(ws);
});

describe('pack-csv on the golden fixture with formula text', () => {
  it('writes UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting', async () => {
    const bytes = await readFile(join(partyDir('SUPA'), 'inventory-devices.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'role,device_id,premise_id,device_type,smets,manufacturer,model,firmware,region,meter_type,esme_variant,status,commissioned_on',
    );
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text).toContain(`"'${FORMULA_MODEL.replaceAll('"', '""')}"`);
  });

  it('escapes formula-leading text cells and nothing else', async () => {
    const rows = await readCsv(join(partyDir('SUPA'), 'inventory-devices.csv'));
    const models = rows.map((r) => r.model);
    expect(models).toContain(`'${FORMULA_MODEL}`);
    expect(models).not.toContain(FORMULA_MODEL);
    expect(rows.map((r) => r.firmware)).toContain(`'${FORMULA_FIRMWARE}`);
    expect(rows.filter((r) => String(r.model).startsWith("'")).every((r) => String(r.model).startsWith("'="))).toBe(true);
    expect(rows.some((r) => r.model === 'H-1')).toBe(true);
  });

  it('lists every device of the estate: per role and type as many rows as the inventory dataset counts', async () => {
    for (const partyId of ['SUPA', 'DNO1']) {
      const manifest = await readPartyManifest(ws, partyId);
      const inventory = await readPartyDataset(ws, manifest, 'inventory');
      const expected = new Map<string, number>();
      for (const r of inventory) {
        const key = `${String(r.role)}|${String(r.device_type)}`;
        expected.set(key, (expected.get(key) ?? 0) + Number(r.devices));
      }
      const got = new Map<string, number>();
      for (const r of await readCsv(join(partyDir(partyId), 'inventory-devices.csv'))) {
        const key = `${String(r.role)}|${String(r.device_type)}`;
        got.set(key, (got.get(key) ?? 0) + 1);
      }
      expect([...got.entries()].filter(([, n]) => n > 0).sort()).toEqual([...expected.entries()].filter(([, n]) => n > 0).sort());
      expect(got.size).toBeGreaterThan(0);
    }
  });

  it('round-trips: read back and unescaped, each file equals its source rows', async () => {
    const { db, close } = await openDb();
    try {
      const data = join(stageDir(ws, 'ingest'), 'month.duckdb');
      await db.run(`ATTACH ${sqlString(data)} AS src (READ_ONLY)`);
      const source = await queryRows<Record<string, unknown>>(
        db,
        `SELECT alert_id, role, device_id, outcome, CAST(epoch_ms(raised_at) AS BIGINT) AS raised_ms
         FROM src.alerts WHERE party_id = 'DNO1' AND alert_code = 'N16' AND month = '${GOLDEN_MONTH}' ORDER BY raised_at, alert_id`,
      );
      const back = await queryRows<Record<string, unknown>>(
        db,
        `SELECT alert_id, role, device_id, outcome, CAST(epoch_ms(raised_at) AS BIGINT) AS raised_ms
         FROM read_csv(${sqlString(join(partyDir('DNO1'), 'alerts-N16.csv'))}, header = true)`,
      );
      expect(source.length).toBeGreaterThan(0);
      expect(back).toEqual(source);
      const devices = await queryRows<Record<string, unknown>>(
        db,
        `SELECT d.device_id, d.model, d.firmware FROM src.devices d WHERE d.month = '${GOLDEN_MONTH}' AND d.premise_id = 'P1' ORDER BY device_id`,
      );
      const csv = (await readCsv(join(partyDir('SUPA'), 'inventory-devices.csv')))
        .filter((r) => r.premise_id === 'P1' && r.role === 'IS')
        .map((r) => ({ device_id: r.device_id, model: unescape(r.model), firmware: unescape(r.firmware) }));
      expect(csv).toEqual(devices);
    } finally {
      close();
    }
  });

  it('lists the files in its own downloads list, with digests the seal stage checks', async () => {
    const packed = await readPackedDownloads(packCsvDir(ws), GOLDEN_MONTH, 'pack-csv');
    const downloads = packed.get('DNO1')?.downloads ?? [];
    const files = downloads.map((d) => d.file);
    expect(files).toEqual(expect.arrayContaining(['inventory-devices.csv', 'failures.csv', 'alerts-N16.csv', 'alerts-N42.csv']));
    const input = await readPartyInput(stageDir(ws, 'partition'), 'DNO1', GOLDEN_MONTH, [packed.get('DNO1')!]);
    expect(input.files.map((f) => f.name)).toEqual(expect.arrayContaining(files));
    const sealedManifest = parsePartyManifestJson(input.manifestBytes, 'DNO1');
    expect(sealedManifest.downloads?.map((d) => d.file).sort()).toEqual([...files].sort());
    const failures = downloads.find((d) => d.file === 'failures.csv');
    const rows = await readCsv(join(partyDir('DNO1'), 'failures.csv'));
    expect(failures?.rows).toBe(rows.length);
  });

  it('leaves the partition folder as partition wrote it', async () => {
    const partition = await readFile(join(stageDir(ws, 'partition'), 'DNO1', 'manifest.json'), 'utf8');
    expect(parsePartyManifestJson(partition, 'DNO1').downloads).toBeUndefined();
    expect(await readdir(join(stageDir(ws, 'partition'), 'DNO1'))).not.toContain('failures.csv');
  });

  it('partition rerun after pack-csv: seal still seals the CSV downloads', async () => {
    await runPartition(ws);
    const secrets = await mkdtemp(join(tmpdir(), 'cars-csv-secrets-'));
    const sealed = await runSeal(ws, { secrets, bootstrap: true, print: () => undefined });
    const names = sealed.parties.find((p) => p.partyId === 'DNO1')?.files.map((f) => f.name) ?? [];
    expect(names).toEqual(
      expect.arrayContaining(['data/inventory-devices.csv.sealed', 'data/failures.csv.sealed', 'data/alerts-N16.csv.sealed']),
    );
  });
});
