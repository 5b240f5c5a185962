import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type GeneratorDb = DuckDBConnection;

/**
 * An in-memory DuckDB for generation. Time zone is set after connecting (setting it in the instance
 * config fails when the built-in ICU extension is not yet loaded); insertion order is preserved so the
 * written bytes do not depend on thread scheduling.
 */
export async function openGeneratorDb(options: { threads: number; tempDirectory: string }): Promise<{ db: GeneratorDb; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads),
    preserve_insertion_order: 'true',
    temp_directory: options.tempDirectory,
  });
  const db = await instance.connect();
  await db.run("SET TimeZone = 'Europe/London'");
  return {
    db,
    close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}
