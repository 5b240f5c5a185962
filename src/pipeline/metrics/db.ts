import { DuckDBInstance } from '@duckdb/node-api';
import { openDb, toDbConfig, type Db, type DbOptions } from '../../lib/duckdb.ts';

/**
 * openDb, falling back to a plain instance when the ICU extension (needed for the
 * TimeZone setting) is not available. The metrics SQL never depends on the session time
 * zone: London days come from the macros in sql/macros.sql.
 */
export async function openMetricsDb(path = ':memory:', options: DbOptions = {}): Promise<Db> {
  try {
    return await openDb(path, options);
  } catch (error) {
    if (!String((error as Error).message).includes('icu')) throw error;
    const instance = await DuckDBInstance.create(path, toDbConfig(options));
    return instance.connect();
  }
}
