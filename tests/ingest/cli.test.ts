import { afterAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/cli/commands/ingest.ts';
import { makeDataset, removeScratch, scratchDir } from './helpers.ts';

afterAll(removeScratch);

async function runCli(values: Record<string, string | string[]>): Promise<{ code: number | void; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    return { code: await ingest.run(values, []), out: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('cars ingest', () => {
  it('exits 0 on a clean month and non-zero over the threshold, printing the rejections', async () => {
    const work = join(await scratchDir(), 'work');
    const clean = await runCli({ data: await makeDataset(), month: '2024-10', work, 'max-reject-rate': '0' });
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('ok: 0 rejected of 37 read');
    const bad = await runCli({ data: await makeDataset('unknown-srv'), month: '2024-10', work, 'max-reject-rate': '0' });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('2024-10/service_requests.csv:3:srv unknown SRV [4.1.99]');
    const allowed = await runCli({ data: await makeDataset('unknown-srv'), month: '2024-10', work, 'max-reject-rate': ['0.5'] });
    expect(allowed.code).toBe(0);
  });
  it('holds each file to its own rate: a bare fraction for every file, NAME=F for one', async () => {
    const work = join(await scratchDir(), 'work');
    const data = await makeDataset('unknown-srv');
    // one of the 2 October requests is rejected: 1/2 of that file, 1/33 of all rows read
    const tight = await runCli({ data, month: '2024-10', work, 'max-reject-rate': ['0.6', 'service_requests=0.4'] });
    expect(tight.code).toBe(1);
    expect(tight.out.split('\n').at(-2)).toBe(
      'FAILED: 2024-10/service_requests.csv: 1 rejected of 2 read (50.0000%) exceeds threshold 0.4',
    );
    const loose = await runCli({ data, month: '2024-10', work, 'max-reject-rate': ['service_requests=0.5'] });
    expect(loose.code).toBe(0);
    expect(loose.out).toContain('ok: 1 rejected of 33 read (3.0303%; threshold 0, service_requests 0.5)');
    await expect(runCli({ data, month: '2024-10', work, 'max-reject-rate': ['requests=0.1'] })).rejects.toThrow(
      'unknown input file: requests (--max-reject-rate; one of parties, registrations, devices, service_requests, alerts, incidents)',
    );
    await expect(runCli({ data, month: '2024-10', work, 'max-reject-rate': ['alerts='] })).rejects.toThrow(
      'must be a fraction between 0 and 1:  (--max-reject-rate alerts=)',
    );
    await expect(runCli({ data, month: '2024-10', work, 'max-reject-rate': ['0.1', '0.2'] })).rejects.toThrow(
      'default reject rate given twice',
    );
  });
  it('refuses a bad month and a bad rate', async () => {
    await expect(runCli({ data: '.', month: '2024-13', work: 'w', 'max-reject-rate': '0' })).rejects.toThrow('month must be YYYY-MM');
    await expect(runCli({ data: '.', month: '2024-10', work: 'w', 'max-reject-rate': '2' })).rejects.toThrow(
      'must be a fraction between 0 and 1',
    );
  });
});
