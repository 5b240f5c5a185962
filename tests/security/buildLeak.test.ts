import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, queryRows, readSql } from '../../src/lib/duckdb.ts';
import { runBuild, STAGES } from '../../src/pipeline/build.ts';
import { writeSample } from '../../src/tools/sample/index.ts';
import { ESTATE_SQL } from '../../src/pipeline/sql/index.ts';
import { scanForLeaks, type Canary } from './leakScan.ts';

/** The full pipeline over the generated tiny sample, then a scan of everything published or handed to the host. */
const MONTH = '2025-10';
let root: string;
let canaries: Canary[];
let slugOf: Map<string, string>;

async function readCanaries(work: string): Promise<Canary[]> {
  const { db } = await openDb();
  await db.run(`ATTACH '${join(work, MONTH, 'ingest', 'month.duckdb')}' AS src (READ_ONLY)`);
  await db.run(await readSql(ESTATE_SQL));
  const parties = await queryRows<{ party_id: string; party_name: string }>(
    db,
    `SELECT party_id, party_name FROM src.parties WHERE month = '${MONTH}'`,
  );
  const devices = await queryRows<{ party_id: string; device_id: string }>(
    db,
    `SELECT party_id, device_id FROM estate_devices_at('${MONTH}', DATE '2025-10-31')
     QUALIFY row_number() OVER (PARTITION BY party_id ORDER BY device_id) <= 20`,
  );
  return parties.map((p) => ({
    partyId: p.party_id,
    strings: [p.party_id, p.party_name, ...devices.filter((d) => d.party_id === p.party_id).map((d) => d.device_id)],
  }));
}

beforeAll(async () => {
  process.env.CARS_QUIET = '1';
  root = await mkdtemp(join(tmpdir(), 'cars-leak-build-'));
  const data = join(root, 'data');
  await writeSample({ scale: 'tiny', seed: 5, out: data, format: 'csv', months: 3, month: MONTH });
  const ws = { work: join(root, 'work'), out: join(root, 'dist'), month: MONTH };
  const options = { data, secrets: join(root, 'secrets'), host: join(root, 'host'), archive: join(root, 'archive') };
  await runBuild(ws, { ...options, maxRejectRate: 0, bootstrap: true, pdf: 'off', stages: [...STAGES] });
  canaries = await readCanaries(ws.work);
  const manifest = JSON.parse(await readFile(join(ws.work, MONTH, 'seal', 'seal-manifest.json'), 'utf8')) as {
    parties: { partyId: string; slug: string }[];
  };
  slugOf = new Map(manifest.parties.map((p) => [p.partyId, p.slug]));
}, 600_000);

describe('no party data outside its own sealed files', () => {
  it('has canaries for every party, device ids included', () => {
    expect(canaries.length).toBeGreaterThanOrEqual(8);
    for (const canary of canaries) expect(canary.strings.length).toBeGreaterThan(2);
  });

  it('finds no canary of any party in the published month or the host configuration', async () => {
    const ownSealed = (path: string, partyId: string): boolean =>
      path.endsWith('.sealed') && path.includes(`${sep}u${sep}${slugOf.get(partyId)}${sep}`);
    const leaks = await scanForLeaks([join(root, 'dist'), join(root, 'host')], canaries, ownSealed);
    expect(leaks).toEqual([]);
  });

  it('would see a party name if one were published (the scan reaches the output)', async () => {
    const [first] = canaries;
    const leaks = await scanForLeaks([join(root, 'dist')], [first!], () => false);
    expect(leaks.length).toBe(0);
    await writeFile(join(root, 'dist', MONTH, 'planted.txt'), `hello ${first!.strings[1]}`);
    const planted = await scanForLeaks([join(root, 'dist')], [first!], () => false);
    expect(planted.map((l) => l.path)).toEqual([join(root, 'dist', MONTH, 'planted.txt')]);
  });
});
