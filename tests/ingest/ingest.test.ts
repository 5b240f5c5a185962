import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import { FILES } from '../../src/pipeline/contract.ts';
import { IngestManifestSchema, REASONS, runIngest } from '../../src/pipeline/ingest/index.ts';
import { ingestData, makeDataset, queryDb, readRejects, removeScratch, scratchDir, toParquet, typedSelect } from './helpers.ts';

afterAll(removeScratch);

// The valid fixture (tests/ingest/fixtures/valid): rows per file, from the fixture files.
const VALID_ROWS: Record<string, Record<string, number>> = {
  '2024-09': { parties: 3, registrations: 4, devices: 4, service_requests: 2, alerts: 1, incidents: 1 },
  '2024-10': { parties: 3, registrations: 4, devices: 4, service_requests: 6, alerts: 3, incidents: 2 },
};

const dumpTables = async (database: string): Promise<Record<string, unknown[]>> => {
  const out: Record<string, unknown[]> = {};
  for (const { name } of FILES) out[name] = await queryDb(database, `SELECT * FROM ${name} ORDER BY ALL`);
  return out;
};

describe('valid month', () => {
  it('accepts every row of the month and its history month, with exact counts', async () => {
    const data = await makeDataset();
    const { result, rejects } = await ingestData(data, '2024-10', 0);
    const m = IngestManifestSchema.parse(JSON.parse(await readFile(join(result.dir, 'ingest-manifest.json'), 'utf8')));
    expect(m.monthsLoaded).toEqual(['2024-09', '2024-10']);
    expect(m.monthsMissing).toEqual(['2024-08']);
    expect(rejects).toEqual([]);
    expect(m.withinThreshold).toBe(true);
    const total = Object.values(VALID_ROWS)
      .flatMap((r) => Object.values(r))
      .reduce((a, b) => a + b, 0);
    expect([m.rowsRead, m.rowsAccepted, m.rowsRejected]).toEqual([total, total, 0]);
    for (const f of m.files) {
      expect(f.rowsAccepted).toBe(VALID_ROWS[f.month]?.[f.name]);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // of the history month, only the requests later stages read (a successful read at a premise with an install, not a failed 1.1.1),
    // no alerts, devices or registrations (later stages read the reporting month's)
    const loaded = (path: string): number | undefined => m.files.find((f) => f.path === path)?.rowsLoaded;
    expect(['service_requests', 'alerts', 'devices', 'registrations'].map((name) => loaded(`2024-09/${name}.csv`))).toEqual([1, 0, 0, 0]);
    expect(m.files.filter((f) => f.month === '2024-10').every((f) => f.rowsLoaded === f.rowsAccepted)).toBe(true);
    const counts = await queryDb<{ month: string; n: bigint }>(
      result.database,
      `SELECT month, count(*) AS n FROM service_requests GROUP BY month ORDER BY month`,
    );
    expect(counts.map((c) => [c.month, Number(c.n)])).toEqual([
      ['2024-09', 1],
      ['2024-10', 6],
    ]);
  });

  it('types the columns: instants with offsets, lists split on ;, quoted text kept', async () => {
    const { result } = await ingestData(await makeDataset());
    const [r1003] = await queryDb<{ sent: number; responded: number; cv: number }>(
      result.database,
      `SELECT epoch_ms(sent_at) AS sent, epoch_ms(responded_at) AS responded, command_variant AS cv FROM service_requests WHERE request_id = 'R1003'`,
    );
    // 2024-10-27 01:30 BST = 00:30Z; the response at 01:30 GMT = 01:30Z, one hour later.
    expect(Number(r1003?.sent)).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect(Number(r1003?.responded)).toBe(Date.UTC(2024, 9, 27, 1, 30, 40));
    expect(r1003?.cv).toBe(3);
    const incidents = await queryDb<{ incident_id: string; regions: string[]; summary: string | null }>(
      result.database,
      `SELECT incident_id, regions, summary FROM incidents WHERE month = '2024-10' ORDER BY incident_id`,
    );
    expect(incidents).toEqual([
      { incident_id: 'INC1', regions: ['North', 'South'], summary: 'CSP North outage, "comms" delayed' },
      { incident_id: 'INC2', regions: ['All'], summary: null },
    ]);
    const [party] = await queryDb<{ roles: string[] }>(
      result.database,
      `SELECT roles FROM parties WHERE party_id = 'SUPB' AND month = '2024-10'`,
    );
    expect(party?.roles).toEqual(['IS', 'ES']);
  });
});

describe('CSV and Parquet behave the same', () => {
  for (const badCase of ['bad-formats', 'london-month-boundary', 'duplicate-ids', 'missing-value']) {
    it(`same rejects and tables for ${badCase} as VARCHAR Parquet`, async () => {
      const csv = await ingestData(await makeDataset(badCase));
      const data = await makeDataset(badCase);
      await toParquet(data);
      const parquet = await ingestData(data);
      expect(parquet.rejects.length).toBeGreaterThan(0);
      expect(parquet.rejects).toEqual(csv.rejects.map((r) => ({ ...r, file: r.file.replace(/\.csv$/, '.parquet') })));
      // text times are parsed in the load's time zone, so these files are copied, never read in place
      expect(parquet.result.manifest.files.filter((f) => f.readInPlace)).toEqual([]);
      expect(await dumpTables(parquet.result.database)).toEqual(await dumpTables(csv.result.database));
    });
  }

  it('a line break inside a Parquet value moves no later row: row n is reported as line n + 1', async () => {
    const data = await makeDataset('quoted-newline');
    await toParquet(data);
    const { rejects } = await ingestData(data);
    // INC2 is the second row; as CSV it is line 5, after a summary spanning three lines
    expect(rejects.map((r) => [r.file, r.line, r.column])).toEqual([['2024-10/incidents.parquet', 3, 'category']]);
  });

  it('typed Parquet (DATE, TIMESTAMPTZ, TINYINT, VARCHAR[]) loads the same tables', async () => {
    const csv = await ingestData(await makeDataset());
    const data = await makeDataset();
    await toParquet(data, typedSelect);
    const parquet = await ingestData(data, '2024-10', 0);
    expect(parquet.result.manifest.rowsRejected).toBe(0);
    expect(parquet.result.manifest.files.every((f) => f.format === 'parquet')).toBe(true);
    expect(parquet.result.manifest.files.filter((f) => f.readInPlace).map((f) => f.path)).toEqual(['2024-10/service_requests.parquet']);
    expect(csv.result.manifest.files.filter((f) => f.readInPlace)).toEqual([]);
    expect(await dumpTables(parquet.result.database)).toEqual(await dumpTables(csv.result.database));
  });

  it('Parquet with the wrong schema is a clear error', async () => {
    const data = await makeDataset('parquet-wrong-schema');
    await rm(join(data, '2024-09'), { recursive: true });
    await toParquet(data, (name) => (name === 'alerts' ? `* REPLACE (CAST(raised_at AS TIMESTAMPTZ)::TIMESTAMP AS raised_at)` : '*'));
    const run = ingestData(data);
    await expect(run).rejects.toBeInstanceOf(CarsError);
    await expect(run).rejects.toThrow(
      'wrong Parquet column type: raised_at is TIMESTAMP, expected TIMESTAMPTZ or VARCHAR (2024-10/alerts.parquet)',
    );
  });

  it('a Parquet file missing a column, and one that is not Parquet, are clear errors', async () => {
    const data = await makeDataset();
    await toParquet(data, (name) => (name === 'devices' ? '* EXCLUDE (firmware)' : '*'));
    await expect(ingestData(data)).rejects.toThrow('missing column: firmware (2024-09/devices.parquet)');
    await writeFile(join(data, '2024-09', 'devices.parquet'), 'not parquet at all');
    await expect(ingestData(data)).rejects.toThrow(/^not a readable Parquet file: .* \(2024-09\/devices\.parquet\)$/);
  });
});

describe('output and threshold', () => {
  it('fails over the threshold after writing the report, passes when the rate allows it', async () => {
    const data = await makeDataset('unknown-party');
    const work = join(await scratchDir(), 'work');
    await expect(runIngest({ data, month: '2024-10', work })).rejects.toThrow(
      /^rejected rows over the threshold: 2024-10\/service_requests\.csv 1 of 2 \(max rate 0\)/,
    );
    expect(await readRejects(join(work, '2024-10', 'ingest'))).toEqual([
      { file: '2024-10/service_requests.csv', line: 3, column: 'party_id', reason: REASONS.unknownParty, value: 'SUPZ' },
    ]);
    await expect(runIngest({ data, month: '2024-10', work, maxRejectRate: 1 / 33 })).rejects.toThrow('rejected rows over the threshold');
    const passed = await runIngest({ data, month: '2024-10', work, maxRejectRates: { service_requests: 1 / 2 } });
    expect(passed.manifest.withinThreshold).toBe(true);
    const requests = passed.manifest.files.find((f) => f.path === '2024-10/service_requests.csv');
    expect(requests).toMatchObject({ rowsRead: 2, rowsRejected: 1, rejectRate: 1 / 2, maxRejectRate: 1 / 2, withinThreshold: true });
    // the override holds for every month's requests file; the other files keep the default
    expect(passed.manifest.files.map((f) => [f.path, f.maxRejectRate]).filter(([, rate]) => rate !== 0)).toEqual([
      ['2024-09/service_requests.csv', 1 / 2],
      ['2024-10/service_requests.csv', 1 / 2],
    ]);
  });

  it('a failed run leaves the previous output intact', async () => {
    const work = join(await scratchDir(), 'work');
    const first = await runIngest({ data: await makeDataset(), month: '2024-10', work });
    const before = await readFile(join(first.dir, 'ingest-manifest.json'), 'utf8');
    await expect(runIngest({ data: await makeDataset('missing-column'), month: '2024-10', work })).rejects.toThrow('missing column');
    expect(await readFile(join(first.dir, 'ingest-manifest.json'), 'utf8')).toBe(before);
    expect((await queryDb<{ n: bigint }>(first.database, 'SELECT count(*) AS n FROM service_requests')).map((r) => Number(r.n))).toEqual([
      7,
    ]);
  });

  it('a missing reporting month folder is an error; missing history is not', async () => {
    const data = await makeDataset();
    await expect(ingestData(data, '2024-11')).rejects.toThrow(/^month folder not found: .*\/2024-11 \(--month\)$/);
    const { result } = await ingestData(data, '2024-09');
    expect(result.manifest.monthsLoaded).toEqual(['2024-09']);
    expect(result.manifest.monthsMissing).toEqual(['2024-07', '2024-08']);
  });
});
