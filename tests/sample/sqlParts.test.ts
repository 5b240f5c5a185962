// Unit tests for the generator's SQL building blocks, run on a real in-memory DuckDB.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGeneratorDb, type GeneratorDb } from '../../src/pipeline/sample/db.ts';
import { toOutputColumn } from '../../src/pipeline/sample/output.ts';
import { buildListMacro } from '../../src/pipeline/sample/tables.ts';

let root: string;
let db: GeneratorDb;
let closeDb: () => void;
const rows = async (sql: string): Promise<unknown[][]> => (await db.runAndReadAll(sql)).getRowsJS();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cars-sample-sql-'));
  ({ db, close: closeDb } = await openGeneratorDb({ threads: 1, tempDirectory: root }));
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
