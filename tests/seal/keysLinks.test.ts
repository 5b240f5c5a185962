import { appendFile, chmod, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { recipients } from '../../src/cli/commands/recipients.ts';
import { readRegistry } from '../../src/pipeline/seal/registry.ts';
import { runSeal } from '../../src/pipeline/seal/sealStage.ts';
import { readCurrentSignInLinks } from '../../src/pipeline/seal/signInLinks.ts';
import { SAMPLE_PARTIES, writeSyntheticPartition } from './syntheticPartition.ts';

const MONTH = '2025-05';
let root: string;
let secrets: string;
const linksFile = (): string => join(secrets, 'sign-in-links.txt');
const readLines = async (): Promise<string[]> => (await readFile(linksFile(), 'utf8')).split('\n').filter(Boolean);
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const tokenOf = (line: string): string => line.split('#k=')[1]!.split('\t')[0]!;

afterEach(() => vi.restoreAllMocks());

/** Run `cars recipients ACTION`, returning what it printed. */
async function runRecipients(action: string, args: Record<string, string>): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  await recipients.run({ secrets, month: MONTH, ...args }, [action]);
  vi.restoreAllMocks();
  return lines.join('\n');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-links-'));
  secrets = join(root, 'secrets');
  await writeSyntheticPartition(join(root, 'work'), MONTH);
  await runSeal({ work: join(root, 'work'), out: join(root, 'dist'), month: MONTH }, { secrets, bootstrap: true, print: () => {} });
});

describe('the sign-in links file', () => {
  it('holds exactly the live tokens through issue, rotate and revoke, always mode 0600', async () => {
    const boot = await readLines();
    expect(boot.map((l) => l.split('\t')[0])).toEqual(['ALPHA1', 'BRAVO2']);
    expect(await modeOf(linksFile())).toBe(0o600);

    const added = await runRecipients('add', { party: 'ALPHA1', name: 'second reader' });
    const addedKey = /access key:\s+(\S+)/.exec(added)![1]!;
    expect((await readLines()).map(tokenOf)).toEqual([...boot.map(tokenOf), addedKey]);

    const rotated = await runRecipients('rotate', { party: 'BRAVO2', name: 'bootstrap' });
    const rotatedKey = /access key:\s+(\S+)/.exec(rotated)![1]!;
    const bravoOld = tokenOf(boot[1]!);
    expect(rotatedKey.split('.')[0]).toBe(bravoOld.split('.')[0]);
    expect((await readLines()).map(tokenOf)).toEqual([tokenOf(boot[0]!), addedKey, rotatedKey]);

    const alphaBoot = tokenOf(boot[0]!);
    await runRecipients('revoke', { party: 'ALPHA1', recipient: alphaBoot.split('.')[0]! });
    const text = await readFile(linksFile(), 'utf8');
    expect(text).not.toContain(alphaBoot.split('.')[0]);
    expect(text).not.toContain(bravoOld.split('.')[1]);
    expect((await readLines()).map(tokenOf)).toEqual([addedKey, rotatedKey]);
    expect(await modeOf(linksFile())).toBe(0o600);
    expect((await readCurrentSignInLinks(secrets)).map((l) => l.accessKey)).toEqual([addedKey, rotatedKey]);
  });

  it('drops withdrawn lines an older file still holds, at the next write', async () => {
    const registry = await readRegistry(secrets);
    const revoked = registry.parties.flatMap((p) => p.recipients).find((r) => r.status === 'revoked')!;
    const slug = registry.parties.find((p) => p.partyId === 'ALPHA1')!.slug;
    const stale = `ALPHA1\t/${MONTH}/u/${slug}/#k=${revoked.recipientId}.${'A'.repeat(43)}\thost user ${revoked.recipientId} password x`;
    await appendFile(linksFile(), `${stale}\nnot a link line\n`);
    expect((await readCurrentSignInLinks(secrets)).map((l) => l.recipientId)).not.toContain(revoked.recipientId);
    await runRecipients('add', { party: 'BRAVO2', name: 'third reader' });
    const text = await readFile(linksFile(), 'utf8');
    expect(text).not.toContain(revoked.recipientId);
    expect(text).not.toContain('not a link line');
    expect(await readLines()).toHaveLength(3);
  });

  it('a file left readable by others is replaced by a 0600 one at the next write', async () => {
    await chmod(linksFile(), 0o644);
    await runRecipients('add', { party: 'ALPHA1', name: 'fourth reader' });
    expect(await modeOf(linksFile())).toBe(0o600);
  });

  it('moves the links of every party sealed in a newer month to that month, never back to an older one', async () => {
    const sealMonth = async (month: string, parties = SAMPLE_PARTIES): Promise<void> => {
      await writeSyntheticPartition(join(root, 'work'), month, parties);
      await runSeal({ work: join(root, 'work'), out: join(root, 'dist'), month }, { secrets, bootstrap: false, print: () => {} });
    };
    const monthsBy = async (): Promise<Record<string, string[]>> => {
      const months: Record<string, string[]> = {};
      for (const link of await readCurrentSignInLinks(secrets)) (months[link.partyId] ??= []).push(link.month);
      return months;
    };
    const before = await readCurrentSignInLinks(secrets);
    expect(new Set(before.map((l) => l.month))).toEqual(new Set([MONTH]));

    await sealMonth(
      '2025-07',
      SAMPLE_PARTIES.filter((p) => p.partyId === 'BRAVO2'),
    );
    const moved = await monthsBy();
    expect(moved.BRAVO2!.every((m) => m === '2025-07')).toBe(true);
    expect(moved.ALPHA1!.every((m) => m === MONTH)).toBe(true);
    // same tokens, only the month in the address changed
    expect((await readCurrentSignInLinks(secrets)).map((l) => l.accessKey)).toEqual(before.map((l) => l.accessKey));

    await sealMonth('2025-06');
    const after = await monthsBy();
    expect(after.BRAVO2).toEqual(moved.BRAVO2);
    expect(after.ALPHA1!.every((m) => m === '2025-06')).toBe(true);
    expect(await modeOf(linksFile())).toBe(0o600);
  });
});
