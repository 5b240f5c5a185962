import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestMonthFiles } from '../../src/tools/archive/monthFiles.ts';
import { runBuild, STAGES } from '../../src/pipeline/build.ts';
import { writeSample } from '../../src/tools/sample/index.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';

/** Two builds of the generated tiny sample with the same secrets, into separate work and output folders. */
const MONTH = '2025-10';
let first: Workspace;
let second: Workspace;

/** Sealed files and keyrings carry fresh random IVs by design; every other file must match. */
const isPublicPage = (path: string): boolean => !/^u\/[^/]+\/(data\/|keyring\.json$)/.test(path);

beforeAll(async () => {
  process.env.CARS_QUIET = '1';
  const root = await mkdtemp(join(tmpdir(), 'cars-determinism-'));
  const data = join(root, 'data');
  await writeSample({ scale: 'tiny', seed: 11, out: data, format: 'csv', months: 3, month: MONTH });
  const secrets = join(root, 'secrets');
  const build = async (name: string): Promise<Workspace> => {
    const ws: Workspace = { work: join(root, name, 'work'), out: join(root, name, 'dist'), month: MONTH };
    await runBuild(ws, {
      data,
      secrets,
      host: join(root, name, 'host'),
      archive: join(root, name, 'archive'),
      maxRejectRate: 0,
      bootstrap: true,
      pdf: 'off',
      stages: [...STAGES],
    });
    return ws;
  };
  first = await build('a');
  second = await build('b');
}, 600_000);

describe('determinism', () => {
  it('produces identical plaintext datasets and CSV files', async () => {
    const digest = async (work: string) => [
      ...(await digestMonthFiles(join(work, MONTH, 'partition'))),
      ...(await digestMonthFiles(join(work, MONTH, 'pack-csv'))),
    ];
    const a = await digest(first.work);
    const b = await digest(second.work);
    expect(a.filter((f) => f.path.endsWith('.arrow')).length).toBeGreaterThan(10);
    expect(a.filter((f) => f.path.endsWith('.csv')).length).toBeGreaterThan(3);
    expect(b).toEqual(a);
  });

  it('produces identical public pages', async () => {
    const a = (await digestMonthFiles(join(first.out, MONTH))).filter((f) => isPublicPage(f.path));
    const b = (await digestMonthFiles(join(second.out, MONTH))).filter((f) => isPublicPage(f.path));
    expect(a.some((f) => f.path === 'index.html')).toBe(true);
    expect(a.some((f) => /^u\/[^/]+\/index\.html$/.test(f.path))).toBe(true);
    expect(b).toEqual(a);
  });

  it('seals different ciphertext for the same plaintext (fresh IVs), so the comparison above is not vacuous', async () => {
    const sealed = (await digestMonthFiles(join(first.out, MONTH))).find((f) => f.path.endsWith('manifest.json.sealed'));
    expect(sealed).toBeDefined();
    const other = await readFile(join(second.out, MONTH, sealed!.path)).catch(() => undefined);
    expect(other).toBeDefined();
    expect((await readFile(join(first.out, MONTH, sealed!.path))).equals(other!)).toBe(false);
  });
});
