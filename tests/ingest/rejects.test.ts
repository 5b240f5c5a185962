import { spawnSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
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
  });

  it('filters by file and reason, and cars rejects prints them one per line with the count', async () => {
    // malformed-quoting: requests lines 3 (text after a quote), 4 (4 fields), 6 (unknown party)
    const data = await makeDataset('malformed-quoting');
    const { result, rejects } = await ingestData(data);
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 6]);
    const ws = { work: join(result.dir, '..', '..'), out: '', month: '2024-10' };
    const party = await readRejectRows(ws, { file: 'service_requests.csv', reason: 'party', limit: 10 });
    expect(party).toEqual({ matching: 1, rows: [rejects.find((r) => r.reason === REASONS.unknownParty)] });
    expect((await readRejectRows(ws, { file: '2024-10/alerts.csv', limit: 10 })).matching).toBe(0);
    expect((await readRejectRows(ws, { limit: 2 })).rows.map((r) => r.line)).toEqual([3, 4]);
    const printed = runCars(['rejects', '--month', '2024-10', '--work', ws.work, '--limit', '2']).trim().split('\n');
    expect(printed).toHaveLength(3);
    expect(printed[0]).toMatch(/^2024-10\/service_requests\.csv:3:/);
    expect(printed.at(-1)).toBe('2 of 3 matching rejected rows shown');
  });
});
