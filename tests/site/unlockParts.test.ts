import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchingAhead, unlockReport, type FetchBytes } from '../../src/islands/party/unlock.ts';
import { toRows } from '../../src/site/arrowRows.ts';
import {
  buildFixtureDatasets,
  FIXTURE_EARLIER_MONTH,
  FIXTURE_MONTH,
  FIXTURE_PARTIES,
  toCredential,
  writeSealedFixture,
} from './sealedFixture.ts';

const party = FIXTURE_PARTIES[0]!;

/** Read a party's sealed files from the fixture, recording every path asked for. */
const recordingFetch =
  (area: string, fetched: string[]): FetchBytes =>
  async (path) => {
    fetched.push(path);
    return new Uint8Array(await readFile(join(area, path)));
  };

describe('a dataset listed in parts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cars-parts-'));
    for (const month of [FIXTURE_EARLIER_MONTH, FIXTURE_MONTH]) await writeSealedFixture(join(dir, month), FIXTURE_PARTIES, month);
  });
  const open = async (month: string, fetched: string[]) =>
    unlockReport(toCredential(party), { partySlug: party.slug, month }, recordingFetch(join(dir, month, 'seal', 'u', party.slug), fetched));

  it('fetches only the named part for a process', async () => {
    const fetched: string[] = [];
    const report = await open(FIXTURE_MONTH, fetched);
    const table = await report.loadDataset('item_failures', 'scheduling');
    expect(fetched.filter((p) => p.startsWith('data/item_failures'))).toEqual(['data/item_failures.scheduling.arrow.sealed']);
    const items = new Set(toRows(table).rows.map((r) => r.item_id));
    expect([...items]).toEqual(['SCH-5.1']);
  });

  it('reads every part as one table when no part is named, with the rows of the whole dataset', async () => {
    const fetched: string[] = [];
    const report = await open(FIXTURE_MONTH, fetched);
    const whole = buildFixtureDatasets(party, FIXTURE_MONTH).item_failures!;
    const table = await report.loadDataset('item_failures');
    const parts = report.manifest.datasets.filter((d) => d.name === 'item_failures');
    expect(parts.length).toBeGreaterThan(2);
    expect(fetched.filter((p) => p.startsWith('data/item_failures')).sort()).toEqual(parts.map((d) => `data/${d.file}.sealed`).sort());
    expect(table.numRows).toBe(whole.numRows);
    const sum = (rows: readonly Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.failures), 0);
    expect(sum(toRows(table).rows)).toBe(sum(whole.toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON())));
  });

  it('reads a month listed without parts as before, whatever part is asked for', async () => {
    const fetched: string[] = [];
    const report = await open(FIXTURE_EARLIER_MONTH, fetched);
    const table = await report.loadDataset('item_failures', 'scheduling');
    expect(fetched.filter((p) => p.startsWith('data/item_failures'))).toEqual(['data/item_failures.arrow.sealed']);
    expect(table.numRows).toBe(buildFixtureDatasets(party, FIXTURE_EARLIER_MONTH).item_failures!.numRows);
  });
});

describe('a file fetched ahead', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cars-ahead-'));
    await writeSealedFixture(join(dir, FIXTURE_MONTH), FIXTURE_PARTIES, FIXTURE_MONTH);
  });

  it('is fetched once and opened when the report asks for it; a missing one fails only where it is asked for', async () => {
    const fetched: string[] = [];
    const fetchBytes = fetchingAhead(recordingFetch(join(dir, FIXTURE_MONTH, 'seal', 'u', party.slug), fetched));
    const opening = unlockReport(toCredential(party), { partySlug: party.slug, month: FIXTURE_MONTH }, fetchBytes);
    fetchBytes.ahead(['data/item_monthly.arrow.sealed', 'data/no-such-file.arrow.sealed']);
    const report = await opening;
    const table = await report.loadDataset('item_monthly');
    expect(fetched.filter((p) => p === 'data/item_monthly.arrow.sealed')).toHaveLength(1);
    expect(table.numRows).toBe(buildFixtureDatasets(party, FIXTURE_MONTH).item_monthly!.numRows);
    await expect(fetchBytes('data/no-such-file.arrow.sealed')).rejects.toThrow(/ENOENT/);
    // taken once: asking again fetches again
    await fetchBytes('data/item_monthly.arrow.sealed');
    expect(fetched.filter((p) => p === 'data/item_monthly.arrow.sealed')).toHaveLength(2);
  });
});
