import { afterAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/cli/commands/ingest.ts';
import { makeDataset, removeScratch, scratchDir } from './helpers.ts';

afterAll(removeScratch);

async function runCli(values: Record<string, string>): Promise<{ code: number | void; out: string }> {
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
    const allowed = await runCli({ data: await makeDataset('unknown-srv'), month: '2024-10', work, 'max-reject-rate': '0.05' });
    expect(allowed.code).toBe(0);
  });
  it('refuses a bad month and a bad rate', async () => {
    await expect(runCli({ data: '.', month: '2024-13', work: 'w', 'max-reject-rate': '0' })).rejects.toThrow('month must be YYYY-MM');
    await expect(runCli({ data: '.', month: '2024-10', work: 'w', 'max-reject-rate': '2' })).rejects.toThrow(
      'must be a fraction between 0 and 1',
    );
  });
});
