// Generates the tiny sample (csv twice, parquet once) and checks it against the input contract rules.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES } from '../../src/pipeline/contract.ts';
import { sha256File } from '../../src/lib/digest.ts';
import { openDb, type Db } from '../../src/lib/duckdb.ts';
import { writeSample, type SampleSummary } from '../../src/tools/sample/index.ts';
import { toOutputColumn } from '../../src/tools/sample/output.ts';

const REFERENCE = fileURLToPath(new URL('../../data/reference', import.meta.url));
const MONTHS = ['2025-08', '2025-09', '2025-10'];
let root: string;
let summary: SampleSummary;
let db: Db;
let closeDb: () => void;

const rows = async <T = Record<string, unknown>>(sql: string): Promise<T[]> => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[];
const one = async (sql: string): Promise<number> => Number(Object.values((await rows(sql))[0] ?? {})[0]);
// Read as text, then type the columns the contract types: no sniffing differences between month files.
const csv = (file: string): string => {
  const spec = FILES.find((f) => f.name === file);
  if (!spec) throw new Error(file);
  const typed = spec.columns.map((c) =>
    c.type === 'VARCHAR' || c.type === 'VARCHAR[]' ? `"${c.name}"` : `"${c.name}"::${c.type} AS "${c.name}"`,
  );
  return `(SELECT ${typed.join(', ')}, filename FROM read_csv('${root}/a/*/${file}.csv', header = true, all_varchar = true, filename = true))`;
};
const monthOf = (column: string): string => `strftime(${column}, '%Y-%m')`;
const folderMonth = "regexp_extract(filename, '(\\d{4}-\\d{2})/[^/]+$', 1)";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-sample-test-'));
  const base = { scale: 'tiny', seed: 7, months: 3, month: '2025-10' } as const;
  summary = await writeSample({ ...base, format: 'csv', out: join(root, 'a') });
  await writeSample({ ...base, format: 'csv', out: join(root, 'b') });
  await writeSample({ ...base, format: 'parquet', out: join(root, 'p') });
  ({ db, close: closeDb } = await openDb(':memory:', { threads: 2, tempDirectory: join(root, 'spill') }));
  await db.run(
    `CREATE TABLE srv_ref AS SELECT srv, string_split(roles, ';') AS roles, non_device FROM read_csv('${REFERENCE}/srv-duis.csv', all_varchar = true)`,
  );
  await db.run(`CREATE TABLE requests AS SELECT * FROM ${csv('service_requests')}`);
  await db.run(`CREATE TABLE alerts AS SELECT * FROM ${csv('alerts')}`);
  await db.run(`CREATE TABLE registrations AS SELECT * FROM ${csv('registrations')}`);
  await db.run(`CREATE TABLE devices AS SELECT * FROM ${csv('devices')}`);
  await db.run(
    `CREATE TABLE parties AS SELECT party_id, party_name, string_split(roles, ';') AS roles FROM read_csv('${root}/a/2025-10/parties.csv', all_varchar = true)`,
  );
});

afterAll(async () => {
  closeDb?.();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('sample generator (tiny)', () => {
  it('writes every contract file for every month, with the contract columns in order', async () => {
    for (const month of MONTHS) {
      const names = (await readdir(join(root, 'a', month))).sort();
      expect(names).toEqual(FILES.map((f) => `${f.name}.csv`).sort());
      for (const file of FILES) {
        const described = await rows<{ column_name: string }>(
          `DESCRIBE SELECT * FROM read_csv('${join(root, 'a', month, file.name)}.csv', all_varchar = true)`,
        );
        expect(described.map((c) => c.column_name)).toEqual(file.columns.map((c) => c.name));
      }
    }
  });

  it('is deterministic: the same arguments give byte-identical files', async () => {
    for (const month of MONTHS) {
      for (const file of FILES) {
        const a = await sha256File(join(root, 'a', month, `${file.name}.csv`));
        const b = await sha256File(join(root, 'b', month, `${file.name}.csv`));
        expect(b, `${month}/${file.name}`).toBe(a);
      }
    }
  });

  it('has tiny volumes and parties in all four roles', async () => {
    expect(summary.months.map((m) => m.month)).toEqual(MONTHS);
    for (const m of summary.months) {
      expect(m.rows.parties).toBeGreaterThanOrEqual(6);
      expect(m.rows.parties).toBeLessThanOrEqual(10);
      expect(m.rows.devices).toBeGreaterThan(3_500);
      expect(m.rows.devices).toBeLessThan(7_000);
      expect(m.rows.service_requests).toBeGreaterThan(2_000);
      expect(m.rows.service_requests).toBeLessThan(10_000);
      expect(m.rows.alerts).toBeGreaterThan(100);
      expect(m.rows.incidents).toBeGreaterThan(0);
    }
    for (const role of ['IS', 'GS', 'ES', 'ED'] as const) expect(summary.partiesPerRole[role]).toBeGreaterThan(0);
    expect(await one('SELECT count(*) FROM requests')).toBe(summary.months.reduce((n, m) => n + (m.rows.service_requests ?? 0), 0));
  });

  it('uses every SRV, each only from eligible roles the sending party holds', async () => {
    expect(await one('SELECT count(DISTINCT srv) FROM requests')).toBe(61);
    expect(
      await one(
        'SELECT count(*) FROM requests r LEFT JOIN srv_ref s USING (srv) WHERE s.srv IS NULL OR NOT list_contains(s.roles, r.role)',
      ),
    ).toBe(0);
    expect(await one('SELECT count(*) FROM requests r JOIN parties p USING (party_id) WHERE NOT list_contains(p.roles, r.role)')).toBe(0);
    expect(await one('SELECT count(*) FROM alerts a JOIN parties p USING (party_id) WHERE NOT list_contains(p.roles, a.role)')).toBe(0);
    expect(await one('SELECT count(*) FROM registrations r JOIN parties p USING (party_id) WHERE NOT list_contains(p.roles, r.role)')).toBe(
      0,
    );
    expect(
      await one("SELECT count(*) FROM requests r JOIN srv_ref s USING (srv) WHERE r.device_id IS NULL AND s.non_device <> 'Yes'"),
    ).toBe(0);
    expect(await one("SELECT count(*) FROM requests WHERE srv = '1.6' AND variant = 'Prepayment'")).toBeGreaterThan(0);
    expect(await one("SELECT count(DISTINCT variant) FROM requests WHERE srv IN ('6.15.2', '6.17')")).toBe(2);
  });

  it('keeps ids unique and codes, device ids and party ids well-formed', async () => {
    expect(await one('SELECT count(*) - count(DISTINCT request_id) FROM requests')).toBe(0);
    expect(await one('SELECT count(*) - count(DISTINCT alert_id) FROM alerts')).toBe(0);
    expect(await one('SELECT count(*) FROM (SELECT filename, device_id FROM devices GROUP BY ALL HAVING count(*) > 1)')).toBe(0);
    expect(
      await one(
        "SELECT count(*) FROM devices WHERE NOT regexp_full_match(device_id, '([0-9A-F]{2}-){7}[0-9A-F]{2}') OR length(firmware) > 8",
      ),
    ).toBe(0);
    expect(await one("SELECT count(*) FROM parties WHERE NOT regexp_full_match(party_id, '[A-Z0-9]{2,12}')")).toBe(0);
    const codes = `read_csv('${REFERENCE}/response-codes.csv', all_varchar = true)`;
    expect(
      await one(`SELECT count(*) FROM requests WHERE response_code IS NOT NULL AND response_code NOT IN (SELECT code FROM ${codes})`),
    ).toBe(0);
    expect(
      await one(
        `SELECT count(*) FROM alerts WHERE alert_code NOT IN (SELECT code FROM read_csv('${REFERENCE}/alerts.csv', all_varchar = true))`,
      ),
    ).toBe(0);
    expect(await one("SELECT count(*) FROM requests WHERE outcome = 'success' AND response_code <> 'I0'")).toBe(0);
    expect(await one("SELECT count(*) FROM requests WHERE outcome = 'failure' AND responded_at IS NULL")).toBeGreaterThan(0);
    expect(
      await one('SELECT count(*) FROM requests WHERE device_id IS NOT NULL AND device_id NOT IN (SELECT device_id FROM devices)'),
    ).toBe(0);
  });

  it('keeps every event inside its month folder (Europe/London) and durations sane', async () => {
    expect(await one(`SELECT count(*) FROM requests WHERE ${monthOf('sent_at')} <> ${folderMonth}`)).toBe(0);
    expect(await one(`SELECT count(*) FROM alerts WHERE ${monthOf('raised_at')} <> ${folderMonth}`)).toBe(0);
    expect(await one('SELECT count(*) FROM requests WHERE responded_at < sent_at OR responded_at > sent_at + INTERVAL 30 DAY')).toBe(0);
    expect(await one('SELECT count(*) FROM alerts WHERE delivered_at < raised_at')).toBe(0);
    expect(
      await one(`SELECT count(*) FROM ${csv('incidents')} WHERE ${monthOf('opened_at')} <> ${folderMonth} OR resolved_at < opened_at`),
    ).toBe(0);
    // The first London hour of October is still September in UTC: those requests belong in the October folder.
    const utcSeptember = `sent_at >= TIMESTAMPTZ '2025-09-30 23:00:00+00' AND sent_at < TIMESTAMPTZ '2025-10-01 00:00:00+00'`;
    expect(await one(`SELECT count(*) FROM requests WHERE ${utcSeptember} AND ${folderMonth} = '2025-10'`)).toBeGreaterThan(0);
    expect(await one(`SELECT count(*) FROM requests WHERE ${utcSeptember} AND ${folderMonth} <> '2025-10'`)).toBe(0);
  });

  it('contains install journeys inside the install window and change-of-supplier journeys', async () => {
    const journeys = await one(`
      SELECT count(DISTINCT i.request_id) FROM requests i
      JOIN devices dc ON dc.device_id = i.device_id
      JOIN devices dm ON dm.premise_id = dc.premise_id
      JOIN requests s ON s.device_id = dm.device_id AND s.party_id = i.party_id AND s.srv IN ('8.11', '6.21', '8.1.1', '8.7.1', '6.20.1', '1.1.1', '6.8')
        AND s.sent_at BETWEEN i.sent_at - INTERVAL 24 HOUR AND i.sent_at + INTERVAL 72 HOUR
      WHERE i.srv = '8.14.1' AND i.outcome = 'success'`);
    expect(journeys).toBeGreaterThan(10);
    expect(await one("SELECT count(*) FROM requests WHERE srv = '8.14.2'")).toBeGreaterThan(0);
    const gains = await one(`
      SELECT count(DISTINCT g.request_id) FROM requests g
      JOIN devices d ON d.device_id = g.device_id
      JOIN registrations gained ON gained.premise_id = d.premise_id AND gained.role = g.role AND gained.party_id = g.party_id
        AND gained.valid_from = g.sent_at::DATE
      JOIN registrations lost ON lost.premise_id = d.premise_id AND lost.role = g.role AND lost.valid_to = gained.valid_from AND lost.party_id <> g.party_id
      JOIN requests f ON f.device_id = g.device_id AND f.party_id = g.party_id AND f.srv IN ('1.1.1', '6.8')
        AND f.sent_at BETWEEN g.sent_at AND g.sent_at + INTERVAL 7 DAY
      WHERE g.srv = '6.23'`);
    expect(gains).toBeGreaterThan(5);
  });

  it('has alert follow-ups: N42 after N16 to the DNO, restorations after AD1', async () => {
    expect(
      await one(`SELECT count(*) FROM alerts n16 JOIN alerts n42 ON n42.device_id = n16.device_id AND n42.party_id = n16.party_id
      AND n42.alert_code = 'N42' AND n42.raised_at BETWEEN n16.raised_at AND n16.raised_at + INTERVAL 7 DAY WHERE n16.alert_code = 'N16' AND n16.role = 'ED'`),
    ).toBeGreaterThan(0);
    expect(
      await one(`SELECT count(*) FROM alerts ad1 JOIN devices c ON c.device_id = ad1.device_id AND c.device_type = 'CHF'
      JOIN devices e ON e.premise_id = c.premise_id AND e.device_type = 'ESME'
      JOIN alerts r ON r.device_id = e.device_id AND r.alert_code IN ('0x8F35', '0x8F36') AND r.raised_at >= ad1.raised_at
      WHERE ad1.alert_code = 'AD1'`),
    ).toBeGreaterThan(0);
    expect(await one("SELECT count(*) FROM alerts WHERE outcome = 'failed' AND delivered_at IS NULL")).toBeGreaterThan(0);
  });

  it('sends distributors N13 (SMETS2) and N55 (SMETS1) for electricity meters only, for their breakdown', async () => {
    const count = async (code: string, smets: string, on: boolean): Promise<number> =>
      one(`SELECT count(*) FROM alerts WHERE role = 'ED' AND alert_code = '${code}'
        AND device_id ${on ? '' : 'NOT'} IN (SELECT device_id FROM devices WHERE device_type = 'ESME' AND smets = '${smets}')`);
    expect(await count('N13', 'SMETS2', true)).toBeGreaterThan(0);
    expect(await count('N55', 'SMETS1', true)).toBeGreaterThan(0);
    expect(await count('N13', 'SMETS2', false)).toBe(0);
    expect(await count('N55', 'SMETS1', false)).toBe(0);
  });

  it('spreads requests over the week and the day: busier in working hours and on weekdays', async () => {
    const perHour = async (where: string): Promise<number> =>
      one(`SELECT count(*) / count(DISTINCT date_trunc('hour', sent_at)) FROM requests WHERE ${where}`);
    const working = await perHour('isodow(sent_at) < 6 AND hour(sent_at) BETWEEN 9 AND 16');
    const night = await perHour('isodow(sent_at) < 6 AND hour(sent_at) BETWEEN 0 AND 5');
    const weekendDay = await perHour('isodow(sent_at) >= 6 AND hour(sent_at) BETWEEN 9 AND 16');
    expect(working).toBeGreaterThan(1.5 * night);
    expect(working).toBeGreaterThan(1.15 * weekendDay);
  });

  it('writes Parquet text columns as text and typed columns typed', async () => {
    for (const file of FILES) {
      const described = await rows<{ column_name: string; column_type: string }>(
        `DESCRIBE SELECT * FROM read_parquet('${root}/p/2025-10/${file.name}.parquet')`,
      );
      const expected = file.columns.map((c) =>
        c.type === 'VARCHAR[]' ? 'VARCHAR' : c.type === 'TIMESTAMPTZ' ? 'TIMESTAMP WITH TIME ZONE' : c.type,
      );
      expect(
        described.map((c) => c.column_type),
        file.name,
      ).toEqual(expected);
    }
  });

  it('gives the same rows in parquet as in csv', async () => {
    for (const file of FILES) {
      const asText = file.columns.map((c) => toOutputColumn(c, 'csv')).join(', ');
      const names = file.columns.map((c) => `"${c.name}"`).join(', ');
      const fromCsv = `SELECT ${names} FROM read_csv('${root}/a/*/${file.name}.csv', all_varchar = true)`;
      const fromParquet = `SELECT ${asText} FROM read_parquet('${root}/p/*/${file.name}.parquet')`;
      expect(await one(`SELECT count(*) FROM (${fromParquet})`), file.name).toBe(await one(`SELECT count(*) FROM (${fromCsv})`));
      expect(await one(`SELECT count(*) FROM ((${fromCsv}) EXCEPT ALL (${fromParquet}))`), file.name).toBe(0);
      expect(await one(`SELECT count(*) FROM ((${fromParquet}) EXCEPT ALL (${fromCsv}))`), file.name).toBe(0);
    }
  });
});
