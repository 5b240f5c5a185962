import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, queryRows, readSql, sqlString } from '../../src/lib/duckdb.ts';
import { toBomQuery, toCopySql, toCsvSelectList, toDownloadFile, toPartyCsvQuery } from '../../src/pipeline/pack-csv/csvSql.ts';

const plainText = (text: string): string => text.replace(/^\uFEFF/, '');

const MACROS = new URL('../../src/pipeline/pack-csv/sql/csv_macros.sql', import.meta.url);

describe('CSV SQL', () => {
  it('escapes formula-leading text, never numbers, and reads back with the same numbers', async () => {
    const { db, close } = await openDb();
    try {
      await db.run(await readSql(MACROS));
      await db.run(`CREATE TABLE t AS SELECT * FROM (VALUES
        ('=1+1', -3.5, -2, '-2'), ('+x', 0.25, 7, '@sum'), (e'\\tTab', NULL, -1, e'\\rcr'), ('plain, "q"', 1e6, 0, NULL)) v(a, x, n, b)`);
      const columns = (await queryRows<{ column_name: string; column_type: string }>(db, 'DESCRIBE t')).map((c) => ({
        name: c.column_name,
        type: c.column_type,
      }));
      const path = join(await mkdtemp(join(tmpdir(), 'cars-csv-')), 't.csv');
      await db.run(toCopySql(`SELECT ${toCsvSelectList(columns)} FROM t`, path));
      const text = await readFile(path, 'utf8');
      expect(text).toContain(",-3.5,-2,'-2\r\n");
      const back = await queryRows(db, `SELECT * FROM read_csv(${sqlString(path)}, header = true, all_varchar = true)`);
      expect(back.map((r) => r.a)).toEqual(["'=1+1", "'+x", "'\tTab", 'plain, "q"']);
      expect(back.map((r) => r.b)).toEqual(["'-2", "'@sum", "'\rcr", null]);
      const numbers = await queryRows(db, `SELECT x, n FROM read_csv(${sqlString(path)}, header = true)`);
      expect(numbers).toEqual([
        { x: -3.5, n: -2n },
        { x: 0.25, n: 7n },
        { x: null, n: -1n },
        { x: 1e6, n: 0n },
      ]);
    } finally {
      close();
    }
  });

  it('writes the BOM in the header: the same bytes as a BOM put before the plain file, also with no rows', async () => {
    const { db, close } = await openDb();
    try {
      await db.run(await readSql(MACROS));
      await db.run(`CREATE TABLE t AS SELECT * FROM (VALUES ('b', '=x', 2), ('a', 'q"', 1)) v(k, a, n)`);
      const dir = await mkdtemp(join(tmpdir(), 'cars-csv-'));
      const select = `SELECT ${toCsvSelectList([
        { name: 'k', type: 'VARCHAR' },
        { name: 'a', type: 'VARCHAR' },
        { name: 'n', type: 'INTEGER' },
      ])} FROM t`;
      for (const where of ['', ' WHERE n > 5']) {
        const query = `${select}${where} ORDER BY k`;
        await db.run(toCopySql(query, join(dir, 'plain.csv')));
        const result = await db.run(toCopySql(toBomQuery(query, 'k'), join(dir, 'bom.csv')));
        const plain = await readFile(join(dir, 'plain.csv'));
        const bom = await readFile(join(dir, 'bom.csv'));
        expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bom.subarray(3).equals(plain)).toBe(true);
        expect(Number(result.rowsChanged)).toBe(where ? 0 : 2);
      }
      expect(plainText(await readFile(join(dir, 'bom.csv'), 'utf8'))).toBe('k,a,n\r\n');
      expect(() => toBomQuery('SELECT 1', 'needs quoting')).toThrow(/cannot carry the BOM/);
    } finally {
      close();
    }
  });

  it("keeps a table's order in a party's file without sorting it again, across many row groups and threads", async () => {
    const { db, close } = await openDb(undefined, { threads: 2 });
    try {
      await db.run(await readSql(MACROS));
      // shuffled on the way in, sorted by the table's CREATE, as pack-csv's tables are
      await db.run(`CREATE TABLE t AS SELECT (i * 7919 % 5)::VARCHAR AS party_id, (i * 104729 % 3000000)::BIGINT AS n, 'x' || i AS a
        FROM range(3000000) r(i) ORDER BY party_id, n`);
      const columns = [
        { name: 'n', type: 'BIGINT' },
        { name: 'a', type: 'VARCHAR' },
      ];
      const path = join(await mkdtemp(join(tmpdir(), 'cars-csv-')), 'order.csv');
      const written = await db.run(toCopySql(toBomQuery(toPartyCsvQuery('t', columns, '3'), 'n'), path));
      const back = await queryRows<{ n: unknown }>(db, `SELECT n FROM read_csv(${sqlString(path)}, header = true, names = ['n', 'a'])`);
      expect(Number(written.rowsChanged)).toBe(600000);
      expect(back).toHaveLength(600000);
      expect(back.every((r, i) => i === 0 || Number(r.n) > Number(back[i - 1]!.n))).toBe(true);
    } finally {
      close();
    }
  });

  it('names download files within the sealed-format pattern', () => {
    expect(toDownloadFile('alerts', '0x8F35')).toBe('alerts-0x8F35.csv');
    expect(toDownloadFile('alerts', 'a/b c')).toBe('alerts-a_b_c.csv');
  });
});
