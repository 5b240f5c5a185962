import { spawnSync } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REASONS, RejectReportSchema } from '../../src/pipeline/ingest/index.ts';
import { readRejectRows } from '../../src/pipeline/ingest/rejects.ts';
import { ingestData, makeDataset, removeScratch } from './helpers.ts';

afterAll(removeScratch);

const runCars = (args: string[]): string =>
  spawnSync(process.execPath, [join(process.cwd(), 'src', 'cli', 'main.ts'), ...args], { encoding: 'utf8' }).stdout;

describe('rejected rows kept in rejects.parquet', () => {
  it('keeps the report small: exact counts, at most 100 examples per file and reason, every row in the Parquet file', async () => {
    const data = await makeDataset();
    const file = join(data, '2024-10', 'service_requests.csv');
    const bad = Array.from({ length: 250 }, (_, i) => `X${i},SUPA,IS,9.99.9,,1,00-1A-2B-3C-4D-5E-6F-01,2024-10-02T10:00:00Z,,failure,E1`);
    await appendFile(file, `${bad.join('\n')}\n`);
    const { result, rejects } = await ingestData(data);
    const report = RejectReportSchema.parse(JSON.parse(await readFile(join(result.dir, 'reject-report.json'), 'utf8')));
    expect(report.total).toBe(250);
    expect(rejects).toHaveLength(250);
    expect(report.byReason).toEqual([{ file: '2024-10/service_requests.csv', column: 'srv', reason: REASONS.unknownSrv, count: 250 }]);
    expect(report.examples).toEqual(rejects.slice(0, 100));
    const ws = { work: join(result.dir, '..', '..'), out: '', month: '2024-10' };
    expect((await readRejectRows(ws, { limit: 300 })).rows.map((r) => r.record)).toEqual(bad);
  });

  it('keeps each rejected record: the text as read when the parser rejected it, else rebuilt from its fields', async () => {
    const data = await makeDataset('malformed-quoting');
    const input = (await readFile(join(data, '2024-10', 'service_requests.csv'), 'utf8')).split('\n');
    const { result } = await ingestData(data);
    const ws = { work: join(result.dir, '..', '..'), out: '', month: '2024-10' };
    const { rows } = await readRejectRows(ws, { limit: 10 });
    expect(rows.map((r) => [r.line, r.record])).toEqual([3, 4, 6].map((line) => [line, input[line - 1]]));
    // a field holding a comma is quoted in the rebuilt record
    await writeFile(join(data, '2024-10', 'parties.csv'), 'party_id,party_name,roles\nSUPA,"A, Ltd",IS;XX\n');
    await ingestData(data);
    const parties = await readRejectRows(ws, { file: 'parties.csv', limit: 10 });
    expect(parties.rows.map((r) => r.record)).toEqual(['SUPA,"A, Ltd",IS;XX']);
  });

  it('filters by file and reason, and cars rejects prints them one per line with the count', async () => {
    // malformed-quoting: requests lines 3 (text after a quote), 4 (4 fields), 6 (unknown party)
    const data = await makeDataset('malformed-quoting');
    const { result, rejects } = await ingestData(data);
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 6]);
    const ws = { work: join(result.dir, '..', '..'), out: '', month: '2024-10' };
    const party = await readRejectRows(ws, { file: 'service_requests.csv', reason: 'party', limit: 10 });
    const record = 'R1005,NOPE,IS,4.1.1,,1,,2024-10-02T10:00:00Z,,failure,';
    expect(party).toEqual({ matching: 1, rows: [{ ...rejects.find((r) => r.reason === REASONS.unknownParty), record }] });
    expect((await readRejectRows(ws, { file: '2024-10/alerts.csv', limit: 10 })).matching).toBe(0);
    expect((await readRejectRows(ws, { limit: 2 })).rows.map((r) => r.line)).toEqual([3, 4]);
    const printed = runCars(['rejects', '--month', '2024-10', '--work', ws.work, '--limit', '2']).trim().split('\n');
    expect(printed).toHaveLength(5);
    expect(printed[0]).toMatch(/^2024-10\/service_requests\.csv:3:/);
    expect(printed[3]).toBe('  R1003,SUPA,GS,8.14.1');
    expect(printed.at(-1)).toBe('2 of 3 matching rejected rows shown');
  });
});

describe('records on the terminal and in JSON', () => {
  it('cuts a long record on one escaped line, and --json gives it whole as valid JSON with control characters escaped', async () => {
    const data = await makeDataset('control-characters');
    const file = join(data, '2024-10', 'service_requests.csv');
    const long = `X1,SUPA,IS,9.99.9,${'v'.repeat(300)},1,,2024-10-02T10:00:00Z,,failure,`;
    await appendFile(file, `${long}\n`);
    const { result } = await ingestData(data);
    const work = join(result.dir, '..', '..');
    const text = runCars(['rejects', '--month', '2024-10', '--work', work, '--file', 'service_requests.csv', '--limit', '10']).split('\n');
    expect(text).toContain(`  ${long.slice(0, 159)}…`);
    expect(text).toContain(
      '  R1005\\x9b,SUPB,ES,4.2,Credit,8,00-1A-2B-3C-4D-5E-6F-01,2024-10-31T23:59:59Z,2024-11-01T00:00:05Z,success,I99',
    );
    const json = runCars(['rejects', '--month', '2024-10', '--work', work, '--file', 'service_requests.csv', '--json']);
    expect(json).not.toMatch(/[^\P{Cc}\n]/u);
    const parsed = JSON.parse(json) as { rows: { line: number; record: string }[] };
    expect(parsed.rows.find((r) => r.record.startsWith('X1,'))?.record).toBe(long);
    expect(parsed.rows.find((r) => r.line === 6)?.record).toBe(
      'R1005\u009b,SUPB,ES,4.2,Credit,8,00-1A-2B-3C-4D-5E-6F-01,2024-10-31T23:59:59Z,2024-11-01T00:00:05Z,success,I99',
    );
  });
});
