import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { toDbConfig } from '../../lib/duckdb.ts';

export type GeneratorDb = DuckDBConnection;

/**
 * An in-memory DuckDB for generation, with more connections on demand (queries of different connections
 * run side by side). Time zone is set per connection (setting it in the instance config fails when the
 * built-in ICU extension is not yet loaded); insertion order is preserved.
 */
export async function openGeneratorDb(options: {
  threads: number;
  tempDirectory: string;
}): Promise<{ db: GeneratorDb; connect(): Promise<GeneratorDb>; close(): void }> {
  // The shared memory budget: operators past it spill to the temp directory instead of growing the process.
  const instance = await DuckDBInstance.create(':memory:', { ...toDbConfig(options), preserve_insertion_order: 'true' });
  const connections: GeneratorDb[] = [];
  const connect = async (): Promise<GeneratorDb> => {
    const connection = await instance.connect();
    connections.push(connection);
    await connection.run("SET TimeZone = 'Europe/London'");
    return connection;
  };
  const db = await connect();
  return {
    db,
    connect,
    close() {
      for (const connection of connections) connection.closeSync();
      instance.closeSync();
    },
  };
}
