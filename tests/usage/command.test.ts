import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRecipient, findParty, writeRegistry, type Registry } from '../../src/pipeline/seal/registry.ts';
import { usageReportSchema } from '../../src/tools/usage/index.ts';
import { ACCESS_LOG, FIXTURE_PARTIES } from './fixture.ts';

let root: string;
let secrets: string;

const cars = (...args: string[]) => spawnSync(process.execPath, ['src/cli/main.ts', 'usage', ...args], { encoding: 'utf8' });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-usage-'));
  secrets = join(root, 'secrets');
  const registry: Registry = { version: 1, parties: [] };
  for (const [slug, partyId] of FIXTURE_PARTIES) {
    await addRecipient(registry, partyId, 'analyst');
    findParty(registry, partyId)!.slug = slug;
  }
  await writeRegistry(secrets, registry);
  // the fixture split in two: the older half gzip-rotated, as logrotate leaves it
  const lines = (await readFile(ACCESS_LOG, 'utf8')).split('\n');
  await writeFile(join(root, 'access.log.1.gz'), gzipSync(lines.slice(0, 10).join('\n') + '\n'));
  await writeFile(join(root, 'access.log'), lines.slice(10).join('\n'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('cars usage', () => {
  it('reads plain and gzip logs, prints the JSON and writes JSON, CSV and HTML under --out, owner-only', async () => {
    const out = join(root, 'reports');
    const run = cars('--logs', join(root, 'access.log.1.gz'), join(root, 'access.log'), '--secrets', secrets, '--out', out, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const printed = usageReportSchema.parse(JSON.parse(run.stdout));
    expect([printed.linesRead, printed.linesSkipped]).toEqual([20, 2]);
    expect(printed.skipped.map((s) => [s.file, s.line])).toEqual([
      [join(root, 'access.log'), 6],
      [join(root, 'access.log'), 7],
    ]);
    expect(printed.parties.find((p) => p.party === 'ALPHA1' && p.month === '2025-03')).toMatchObject({ visits: 3, downloads: 2 });
    expect(JSON.parse(await readFile(join(out, 'usage-all.json'), 'utf8'))).toEqual(printed);
    const csv = (await readFile(join(out, 'usage-all.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe(
      'party,month,recipients,visits,reportOpens,datasetsOpened,downloads,csvDownloads,pdfDownloads,refused,firstVisit,lastVisit,datasets',
    );
    expect(csv).toContain('ALPHA1,2025-03,2,3,3,1,2,1,1,2,2025-03-05T10:00:00.000Z,2025-03-05T12:00:00.000Z,item_monthly=1');
    const html = await readFile(join(out, 'usage-all.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
    for (const file of ['usage-all.json', 'usage-all.csv', 'usage-all.html']) {
      const text = await readFile(join(out, file), 'utf8');
      // no address, user agent or recipient id of the log
      expect(text).not.toMatch(/203\.0\.113|198\.51\.100|192\.0\.2|Mozilla|curl|alphauser|bravouser/);
      expect((await stat(join(out, file))).mode & 0o077).toBe(0);
    }
  });

  it('--month names the files after the month and keeps only it', async () => {
    const out = join(root, 'monthly');
    const run = cars('--logs', ACCESS_LOG, '--secrets', secrets, '--out', out, '--month', '2025-03');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2025-03 never opened: BRAVO2, CHARL3');
    const report = usageReportSchema.parse(JSON.parse(await readFile(join(out, 'usage-2025-03.json'), 'utf8')));
    expect(report.months).toEqual(['2025-03']);
  });

  it('refuses to write into published output, and a missing log, in one line', async () => {
    await writeFile(join(root, 'months.json'), '{"months":[]}\n');
    try {
      const run = cars('--logs', ACCESS_LOG, '--secrets', secrets, '--out', join(root, 'usage'));
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(`error: usage report must not be written into published output: ${join(root, 'usage')} (--out)`);
    } finally {
      await rm(join(root, 'months.json'));
    }
    const missing = cars('--logs', join(root, 'nope.log'), '--secrets', secrets, '--out', join(root, 'x'));
    expect(missing.stderr.trim()).toBe(`error: log file not found: ${join(root, 'nope.log')} (--logs)`);
  });
});
