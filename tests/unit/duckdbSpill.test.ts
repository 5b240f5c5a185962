import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { openDb, queryRows } from '../../src/lib/duckdb.ts';

const readTempDirectory = async (db: Awaited<ReturnType<typeof openDb>>['db']): Promise<string> =>
  (await queryRows<{ dir: string }>(db, "SELECT current_setting('temp_directory') AS dir"))[0]!.dir;

describe('where an in-memory database spills', () => {
  it('spills into a folder of its own under the OS temp, removed on close, not into the working directory', async () => {
    const { db, close } = await openDb();
    const dir = await readTempDirectory(db);
    expect(dir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(dir)).toBe(true);
    close();
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps the folder it is given', async () => {
    const { db, close } = await openDb(':memory:', { tempDirectory: '/nonexistent/spill-here' });
    expect(await readTempDirectory(db)).toBe('/nonexistent/spill-here');
    close();
  });
});
