// Unit tests for the generator's SQL building blocks, run on a real in-memory DuckDB.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/lib/duckdb.ts';
import { toOutputColumn } from '../../src/tools/sample/output.ts';
import { buildAliasMacros, buildIncidentMacro } from '../../src/tools/sample/lookups.ts';
import { buildListMacro } from '../../src/tools/sample/tables.ts';

let root: string;
let db: Db;
let closeDb: () => void;
const rows = async (sql: string): Promise<unknown[][]> => (await db.runAndReadAll(sql)).getRowsJS();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-sample-sql-'));
  ({ db, close: closeDb } = await openDb(':memory:', { threads: 1, tempDirectory: root }));
});

afterAll(async () => {
  closeDb?.();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('buildListMacro', () => {
  it('returns the n-th value (0-based) of the list, NULL past the end', async () => {
    await db.run(buildListMacro('word_of', ['alpha', "o'hare", 'gamma'], 'VARCHAR'));
    await db.run(buildListMacro('factor_of', [1.5, 2, 0.25], 'DOUBLE'));
    expect(await rows('SELECT word_of(0), word_of(1), word_of(2), word_of(3)')).toEqual([['alpha', "o'hare", 'gamma', null]]);
    expect(await rows('SELECT sum(factor_of(i::INT)) FROM range(3) t(i)')).toEqual([[3.75]]);
  });

  it('refuses an empty list', () => {
    expect(() => buildListMacro('empty_of', [], 'VARCHAR')).toThrow(/without values/);
  });
});

describe('toOutputColumn (TIMESTAMPTZ)', () => {
  const column = { name: 'sent_at', type: 'TIMESTAMPTZ', nullable: false } as const;
  const value = "TIMESTAMPTZ '2024-10-27 01:30:00.123987+01'";

  it('writes CSV as UTC with milliseconds, whatever the session time zone', async () => {
    expect(await rows(`SELECT ${toOutputColumn(column, 'csv')} FROM (SELECT ${value} AS sent_at)`)).toEqual([['2024-10-27T00:30:00.123Z']]);
  });

  it('keeps Parquet typed, truncated to the millisecond', async () => {
    const [[typed, micros]] = (await rows(
      `SELECT typeof(sent_at), epoch_us(sent_at) FROM (SELECT ${toOutputColumn(column, 'parquet')} FROM (SELECT ${value} AS sent_at))`,
    )) as [[string, bigint]];
    expect(typed).toBe('TIMESTAMP WITH TIME ZONE');
    expect(micros).toBe(BigInt(Date.UTC(2024, 9, 27, 0, 30, 0, 123)) * 1000n);
  });
});

describe('buildAliasMacros', () => {
  it('draws each value of a group about as often as its weight says, never a padding value', async () => {
    const groups = [
      [
        { weight: 6, value: 10 },
        { weight: 3, value: 11 },
        { weight: 1, value: 12 },
      ],
      [{ weight: 1, value: 4095 }],
    ];
    await db.run(buildAliasMacros('demo', groups));
    const draw = `SELECT g, demo_pick(demo_slot(g, uh(h, 0)), uh(h, 1)) AS v
      FROM (SELECT i % 2 AS g, hash(i * 7919 + 1) AS h FROM range(200000) t(i))`;
    await db.run('CREATE OR REPLACE MACRO uh(h, k) AS ((hash(xor(h, hash(k::UBIGINT))) >> 11)::DOUBLE / 9007199254740992.0)');
    const counts = (await rows(`SELECT g, v, count(*) FROM (${draw}) GROUP BY ALL ORDER BY ALL`)) as Array<[bigint, bigint, bigint]>;
    expect(counts.map(([g, v]) => [Number(g), Number(v)])).toEqual([
      [0, 10],
      [0, 11],
      [0, 12],
      [1, 4095],
    ]);
    const shares = counts.slice(0, 3).map(([, , n]) => Number(n) / 100000);
    [0.6, 0.3, 0.1].forEach((p, i) => expect(shares[i]).toBeCloseTo(p, 2));
  });

  it('refuses values the packing cannot hold and empty groups', () => {
    expect(() => buildAliasMacros('bad', [[{ weight: 1, value: 4096 }]])).toThrow(/integers in/);
    expect(() => buildAliasMacros('bad', [[{ weight: 1, value: 1.5 }]])).toThrow(/integers in/);
    expect(() => buildAliasMacros('bad', [[]])).toThrow(/without values/);
  });
});

describe('buildIncidentMacro', () => {
  it('gives the most severe category whose region and hours cover the time, else 0', async () => {
    await db.run(
      buildIncidentMacro('inc_demo', [
        { regionNo: 0, startMs: 1000, endMs: 5000, category: 3 },
        { regionNo: 0, startMs: 2000, endMs: 3000, category: 1 },
        { regionNo: 2, startMs: 0, endMs: 9000, category: 5 },
      ]),
    );
    const at = (r: number, t: number): string => `inc_demo(${r}, ${t})::INTEGER`;
    expect(await rows(`SELECT ${at(0, 1500)}, ${at(0, 2500)}, ${at(0, 5000)}, ${at(1, 2500)}, ${at(2, 8999)}`)).toEqual([[3, 1, 0, 0, 5]]);
    await db.run(buildIncidentMacro('inc_none', []));
    expect(await rows('SELECT inc_none(0, 1)::INTEGER')).toEqual([[0]]);
  });
});
