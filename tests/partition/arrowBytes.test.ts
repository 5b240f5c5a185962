import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Int32, List, Table, Utf8, Bool, Float64, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/lib/digest.ts';
import { openDb, type Db } from '../../src/lib/duckdb.ts';
import { toArrowType, toCastSql, writeArrowFile, type ArrowType } from '../../src/pipeline/partition/arrow.ts';
import { streamTableByParty } from '../../src/pipeline/partition/arrowWriter/index.ts';

/** Columns as the metrics manifest lists them (the source table's types, not Parquet's). */
const COLUMNS = [
  { name: 'party_id', type: 'VARCHAR' },
  { name: 'label', type: 'VARCHAR' },
  { name: 'seq', type: 'BIGINT' },
  { name: 'n', type: 'BIGINT' },
  { name: 'h', type: 'HUGEINT' },
  { name: 'x', type: 'DOUBLE' },
  { name: 'flag', type: 'BOOLEAN' },
  { name: 'day', type: 'DATE' },
  { name: 'at', type: 'TIMESTAMP WITH TIME ZONE' },
  { name: 'hist', type: 'INTEGER[]' },
  { name: 'full_hist', type: 'INTEGER[]' },
];

// P1: 1 row, P2: 700 rows, P3: 4299 rows (several DuckDB chunks, bitmaps past one 64-byte block); P0 has none.
const SAMPLE_SQL = `
  SELECT
    CASE WHEN r < 1 THEN 'P1' WHEN r < 701 THEN 'P2' ELSE 'P3' END AS party_id,
    CASE WHEN r % 7 = 0 THEN NULL WHEN r % 5 = 0 THEN 'a label longer than twelve bytes ' || r ELSE 'é' || (r % 13) END AS label,
    r AS seq,
    CASE WHEN r % 11 = 0 THEN NULL ELSE r * 3 - 500 END AS n,
    CASE WHEN r % 6 = 0 THEN NULL ELSE r::HUGEINT * 2 END AS h,
    CASE WHEN r % 4 = 0 THEN NULL ELSE r / 7.0 END::DOUBLE AS x,
    CASE WHEN r % 9 = 0 THEN NULL ELSE r % 2 = 0 END AS flag,
    CASE WHEN r % 8 = 0 THEN NULL ELSE DATE '2025-10-01' + (r % 31)::INTEGER END AS day,
    TIMESTAMPTZ '2025-10-01 00:00:00+00' + to_seconds(r * 37) AS at,
    CASE WHEN r % 10 = 0 THEN NULL WHEN r % 10 = 1 THEN []::INTEGER[] WHEN r % 10 = 2 THEN [r::INTEGER, NULL, 7]
      ELSE list_transform(range(32), k -> (k * r % 97)::INTEGER) END AS hist,
    list_transform(range(32), k -> (k + r)::INTEGER) AS full_hist
  FROM range(5000) t(r)
  ORDER BY party_id, r`;

const arrowType = (type: ArrowType): DataType => {
  if (type === 'utf8') return new Utf8();
  if (type === 'int32') return new Int32();
  if (type === 'float64') return new Float64();
  if (type === 'bool') return new Bool();
  return new List(new Field('item', new Int32(), true));
};

/** The file apache-arrow's builders make from the party's rows as plain JS values. */
async function buildExpected(db: Db, file: string, partyId: string, where = 'TRUE'): Promise<Uint8Array> {
  const kept = COLUMNS.filter((c) => c.name !== 'party_id');
  const select = kept.map((c) => toCastSql(c.name, c.type)).join(', ');
  const reader = await db.runAndReadAll(`SELECT ${select} FROM read_parquet('${file}') WHERE party_id = '${partyId}' AND ${where}`);
  const values = reader.getColumnsJS() as unknown[][];
  const vectors: Record<string, Vector> = {};
  kept.forEach((c, k) => (vectors[c.name] = vectorFromArray(values[k] ?? [], arrowType(toArrowType(c.type)))));
  return tableToIPC(new Table(vectors), 'file');
}

describe('partition Arrow files', () => {
  let db: Db;
  let close: () => void;
  let dir: string;
  beforeAll(async () => {
    ({ db, close } = await openDb());
    dir = await mkdtemp(join(tmpdir(), 'cars-arrow-'));
    await db.run(`COPY (${SAMPLE_SQL}) TO '${join(dir, 'sample.parquet')}' (FORMAT parquet)`);
    await db.run(
      `COPY (SELECT * FROM (VALUES ('A', 1), ('B', 2), ('A', 3)) v(party_id, seq)) TO '${join(dir, 'unsorted.parquet')}' (FORMAT parquet)`,
    );
  });
  afterAll(() => close());

  it('are byte for byte what apache-arrow builds from the same values, for every party', async () => {
    const file = join(dir, 'sample.parquet');
    const written = new Map<string, { digest: string; rows: number }>();
    await streamTableByParty(db, file, COLUMNS, ['P0', 'P1', 'P2', 'P3'], async (partyId, data, rows) => {
      const columns = COLUMNS.slice(1).map((c, k) => ({ name: c.name, data: data[k]! }));
      written.set(partyId, { digest: await writeArrowFile(join(dir, `${partyId}.arrow`), columns), rows });
    });
    expect([...written.keys()].sort()).toEqual(['P0', 'P1', 'P2', 'P3']);
    expect([0, 1, 700, 4299]).toEqual(['P0', 'P1', 'P2', 'P3'].map((p) => written.get(p)!.rows));
    for (const partyId of written.keys()) {
      const actual = new Uint8Array(await readFile(join(dir, `${partyId}.arrow`)));
      expect(Buffer.compare(actual, await buildExpected(db, file, partyId)), partyId).toBe(0);
      expect(sha256(actual), partyId).toBe(written.get(partyId)!.digest);
    }
  });

  it('split in parts whose rows interleave within a party: each part is its rows in file order, byte for byte', async () => {
    const file = join(dir, 'sample.parquet');
    // runs of 50 rows cycle through three parts, so each part's rows come in pieces spread over several chunks
    const split = { partSql: '(seq // 50) % 3', parts: ['x', 'y', 'z'] };
    const written = new Map<string, number>();
    await streamTableByParty(
      db,
      file,
      COLUMNS,
      ['P0', 'P2', 'P3'],
      async (partyId, data, rows, part) => {
        const columns = COLUMNS.slice(1).map((c, k) => ({ name: c.name, data: data[k]! }));
        await writeArrowFile(join(dir, `${partyId}-${part}.arrow`), columns);
        written.set(`${partyId}-${part}`, rows);
      },
      split,
    );
    expect([...written.keys()].sort()).toEqual(['P0-x', 'P0-y', 'P0-z', 'P2-x', 'P2-y', 'P2-z', 'P3-x', 'P3-y', 'P3-z']);
    expect(written.get('P3-x')! + written.get('P3-y')! + written.get('P3-z')!).toBe(4299);
    for (const [key, rows] of written) {
      const [partyId, part] = key.split('-') as [string, string];
      const actual = new Uint8Array(await readFile(join(dir, `${key}.arrow`)));
      const expected = await buildExpected(db, file, partyId, `(seq // 50) % 3 = ${split.parts.indexOf(part)}`);
      expect(Buffer.compare(actual, expected), `${key}, ${rows} rows`).toBe(0);
    }
  });

  it('refuses a table whose parties are not contiguous', async () => {
    const columns = [
      { name: 'party_id', type: 'VARCHAR' },
      { name: 'seq', type: 'INTEGER' },
    ];
    await expect(streamTableByParty(db, join(dir, 'unsorted.parquet'), columns, ['A', 'B'], async () => {})).rejects.toThrow(
      /not sorted by party/,
    );
  });
});
