import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recipients } from '../../src/cli/commands/recipients.ts';
import { readRegistry } from '../../src/pipeline/seal/index.ts';
import { CarsError } from '../../src/lib/errors.ts';

afterEach(() => vi.restoreAllMocks());

async function runCli(args: Record<string, string>, action: string): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  await recipients.run(args, [action]);
  vi.restoreAllMocks();
  return lines.join('\n');
}

describe('cars recipients', () => {
  it('adds (token shown once, not stored), lists, rotates and revokes', async () => {
    const secrets = join(await mkdtemp(join(tmpdir(), 'cars-rcpt-')), 'secrets');
    const added = await runCli({ party: 'ALPHA1', name: 'Jo Bloggs', secrets, month: '2025-04' }, 'add');
    const key = /access key:\s+(\S+)/.exec(added)![1]!;
    const slug = (await readRegistry(secrets)).parties[0]!.slug;
    expect(added).toContain(`report address: /2025-04/u/${slug}/`);
    expect(added).not.toContain('#k=');
    expect(JSON.stringify(await readRegistry(secrets))).not.toContain(key.split('.')[1]);
    expect(await runCli({ secrets }, 'list')).toMatch(/ALPHA1 {2}slug [a-z2-7]{16} {2}1 active[\s\S]*Jo Bloggs/);
    const rotated = await runCli({ party: 'ALPHA1', name: 'Jo Bloggs', secrets }, 'rotate');
    expect(/access key:\s+(\S+)/.exec(rotated)![1]).not.toBe(key);
    await runCli({ party: 'ALPHA1', recipient: key.split('.')[0]!, secrets }, 'revoke');
    expect((await readRegistry(secrets)).parties[0]!.recipients.map((r) => r.status)).toEqual(['revoked']);
    await expect(recipients.run({ party: 'ALPHA1', name: 'Jo Bloggs', secrets }, ['revoke'])).rejects.toThrow(CarsError);
    await expect(recipients.run({ secrets }, ['frobnicate'])).rejects.toThrow(CarsError);
  });
});
