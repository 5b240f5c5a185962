import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import type { Data } from 'apache-arrow';
import { sqlString, type Db } from '../../../lib/duckdb.ts';
import { toArrowType, toCastSql, type ArrowType } from '../arrow.ts';
import { makeColumnBuilder, type ColumnBuilder } from './columns.ts';
import { StringColumn } from './rawVectors.ts';

/** `part` is set when the table is split: one call per party and part. */
export type PartyDataHandler = (partyId: string, columns: Data[], rows: number, part?: string) => Promise<void>;

/** Split each party's rows further: `partSql` gives each row's index into `parts`. */
export interface TableSplit {
  partSql: string;
  parts: readonly string[];
}

// party id, this separator, part index: short enough to stay inline in DuckDB's string header for 6-letter ids
const KEY_SEPARATOR = '/';

/** DuckDB type each dataset type is read as (what toCastSql produces). */
const DUCK_TYPE: Record<ArrowType, string> = {
  utf8: 'VARCHAR',
  int32: 'INTEGER',
  float64: 'DOUBLE',
  bool: 'BOOLEAN',
  'list<int32>': 'INTEGER[]',
};

/** The result's chunks, the next one fetched (by DuckDB's threads) while the caller works on the current. */
async function* readChunksAhead(result: DuckDBResult): AsyncGenerator<DuckDBDataChunk> {
  let next = result.fetchChunk();
  try {
    for (;;) {
      const chunk = await next;
      if (!chunk || chunk.rowCount === 0) return;
      next = result.fetchChunk();
      yield chunk;
    }
  } finally {
    await next.catch(() => null);
  }
}

function hasNull(validity: Uint8Array | null, rows: number): boolean {
  if (validity === null) return false;
  for (let i = 0; i < rows; i += 1) if (((validity[i >> 3]! >> (i & 7)) & 1) === 0) return true;
  return false;
}

/** The query: party id (or party and part) first, then the kept columns; a split keeps each part's rows in file order. */
function toStreamSql(file: string, kept: readonly { name: string; type: string }[], split: TableSplit | undefined): string {
  const select = kept.map((c) => toCastSql(c.name, c.type)).join(', ');
  if (!split) return `SELECT party_id, ${select} FROM read_parquet(${sqlString(file)})`;
  const key = `party_id || '${KEY_SEPARATOR}' || CAST((${split.partSql}) AS VARCHAR)`;
  return `SELECT ${key} AS party_key, ${select} FROM read_parquet(${sqlString(file)}, file_row_number = true) ORDER BY party_key, file_row_number`;
}

/**
 * Stream one metrics table (metrics wrote it sorted, party first) chunk by chunk and hand each
 * listed party its rows as Arrow data, one party (or, with `split`, one party's part) at a time;
 * listed parties without rows get empty columns. Only one party's rows are held in memory.
 */
export async function streamTableByParty(
  db: Db,
  file: string,
  columns: readonly { name: string; type: string }[],
  partyIds: readonly string[],
  onParty: PartyDataHandler,
  split?: TableSplit,
): Promise<void> {
  const kept = columns.filter((c) => c.name !== 'party_id');
  const types = kept.map((c) => toArrowType(c.type));
  const builders: ColumnBuilder[] = types.map(makeColumnBuilder);
  const result = await db.stream(toStreamSql(file, kept, split));
  types.forEach((type, k) => {
    const got = result.columnType(k + 1).toString();
    if (got !== DUCK_TYPE[type]) throw new Error(`column ${kept[k]!.name} read as ${got}, expected ${DUCK_TYPE[type]}: ${file}`);
  });

  const keys = split ? partyIds.flatMap((id) => split.parts.map((_, k) => `${id}${KEY_SEPARATOR}${k}`)) : partyIds;
  const listed = new Set(keys);
  const seen = new Set<string>();
  let party: string | null = null;
  let rows = 0;
  const emit = (key: string, count: number): Promise<void> => {
    const data = builders.map((b) => b.toData());
    if (!split) return onParty(key, data, count);
    const at = key.lastIndexOf(KEY_SEPARATOR);
    return onParty(key.slice(0, at), data, count, split.parts[Number(key.slice(at + 1))]);
  };
  const flush = async (): Promise<void> => {
    if (party !== null && listed.has(party)) await emit(party, rows);
    for (const b of builders) b.clear();
    rows = 0;
  };

  let header: Uint32Array | null = null;
  for await (const chunk of readChunksAhead(result)) {
    const n = chunk.rowCount;
    const ids = new StringColumn(chunk, 0);
    if (hasNull(ids.validity, n)) throw new Error(`metrics table has a null party_id: ${file}`);
    builders.forEach((b, k) => b.setChunk(chunk, k + 1));
    let from = 0;
    const take = (to: number): void => {
      if (to > from) for (const b of builders) b.append(from, to);
      rows += to - from;
      from = to;
    };
    for (let i = 0; i < n; i += 1) {
      if (header !== null && ids.sameHeader(i, header)) continue;
      header = ids.header(i);
      const id = ids.toString(i);
      if (id === party) continue;
      take(i);
      await flush();
      if (seen.has(id)) throw new Error(`metrics table not sorted by party: ${file}`);
      seen.add(id);
      party = id;
    }
    take(n);
  }
  await flush();
  for (const key of keys) if (!seen.has(key)) await emit(key, 0);
}
