import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type Db = DuckDBConnection;

export interface DbOptions {
  readOnly?: boolean;
  /** DuckDB's worker threads (default: CARS_DUCKDB_THREADS, else one per core). */
  threads?: number;
  /** Where DuckDB spills when over its memory limit (default: next to a file database; a fresh folder under the OS temp for ':memory:'). */
  tempDirectory?: string;
  /** DuckDB's memory limit when CARS_DUCKDB_MEMORY does not set one (default 2500MB). */
  memoryLimit?: string;
}

/** DuckDB's memory limit: a fixed budget (overridable) instead of DuckDB's default of 80 % of RAM. */
export const toMemoryLimit = (env: NodeJS.ProcessEnv = process.env, fallback = '2500MB'): string => env.CARS_DUCKDB_MEMORY ?? fallback;

/** DuckDB's threads as $CARS_DUCKDB_THREADS sets them, or undefined (one per core). */
export const toEnvThreads = (env: NodeJS.ProcessEnv = process.env): number | undefined => Number(env.CARS_DUCKDB_THREADS) || undefined;

/** Instance settings every stage shares. */
export function toDbConfig(options: DbOptions = {}): Record<string, string> {
  const config: Record<string, string> = { memory_limit: toMemoryLimit(process.env, options.memoryLimit) };
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  const threads = options.threads ?? toEnvThreads();
  if (threads) config.threads = String(threads);
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  return config;
}

/** An open database: its first connection, more on demand (their queries run side by side), one close for all. */
export interface DbSession {
  db: Db;
  connect(): Promise<Db>;
  close(): void;
}

const isMissingIcu = (error: unknown): boolean => String((error as Error).message).includes('icu');

/**
 * The one DuckDB opener (file or ':memory:') every stage and tool uses, with the shared settings. Each
 * connection gets the London time zone; ICU must be loaded before it can be set, so it is not part of the
 * instance config. With `timeZoneOptional` a DuckDB without ICU is used as it is (the metrics SQL takes
 * London days from its own macros, never from the session).
 */
export async function openDb(path = ':memory:', options: DbOptions & { timeZoneOptional?: boolean } = {}): Promise<DbSession> {
  // an in-memory database would otherwise spill into `.tmp` under whatever folder the command runs in
  const ownSpill = path === ':memory:' && !options.tempDirectory ? mkdtempSync(join(tmpdir(), 'cars-duckdb-')) : undefined;
  const removeOwnSpill = (): void => {
    if (ownSpill) rmSync(ownSpill, { recursive: true, force: true });
  };
  const instance = await DuckDBInstance.create(path, toDbConfig({ ...options, tempDirectory: options.tempDirectory ?? ownSpill })).catch(
    (error: unknown) => {
      removeOwnSpill();
      throw error;
    },
  );
  const connections: Db[] = [];
  const close = (): void => {
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
    removeOwnSpill();
  };
  const connect = async (): Promise<Db> => {
    const connection = await instance.connect();
    connections.push(connection);
    await connection.run(`SET TimeZone = 'Europe/London'`).catch((error: unknown) => {
      if (!options.timeZoneOptional || !isMissingIcu(error)) throw error;
    });
    return connection;
  };
  try {
    return { db: await connect(), connect, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Quote a value as a SQL string literal. */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Replace `{{name}}` placeholders in a SQL text; unknown names are a bug. */
export function fillSql(sql: string, vars: Record<string, string | number>): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`SQL placeholder without a value: ${name}`);
    return String(vars[name]);
  });
}

export async function readSql(url: URL, vars: Record<string, string | number> = {}): Promise<string> {
  return fillSql(await readFile(url, 'utf8'), vars);
}

/** The first column of the first row as a number (counts), 0 when there is none. */
export async function queryNumber(db: Db, sql: string): Promise<number> {
  const reader = await db.runAndReadAll(sql);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

export async function queryRows<T = Record<string, unknown>>(db: Db, sql: string): Promise<T[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS() as T[];
}
