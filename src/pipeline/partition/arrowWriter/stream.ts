import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import type { Data } from 'apache-arrow';
import { sqlString, type Db } from '../../../lib/duckdb.ts';
import { toArrowType, toCastSql, type ArrowType } from '../arrow.ts';
import { makeColumnBuilder, type ColumnBuilder } from './columns.ts';
import { StringColumn, readChunkVector, readInt32s } from './rawVectors.ts';

/** `part` is set when the table is split: one call per party and part. */
export type PartyDataHandler = (partyId: string, columns: Data[], rows: number, part?: string) => Promise<void>;

/** Split each party's rows further: `partSql` gives each row's index into `parts`. */
export interface TableSplit {
  partSql: string;
  parts: readonly string[];
}

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

/** The query: party id (and, with a split, each row's part index) first, then the kept columns, in file order. */
function toStreamSql(file: string, kept: readonly { name: string; type: string }[], split: TableSplit | undefined): string {
  const select = kept.map((c) => toCastSql(c.name, c.type)).join(', ');
  const part = split ? `CAST((${split.partSql}) AS INTEGER) AS part, ` : '';
  return `SELECT party_id, ${part}${select} FROM read_parquet(${sqlString(file)})`;
}

/** One column builder per kept column for each part (one part when the table is not split), made when first needed. */
class PartBuilders {
  private readonly sets: (ColumnBuilder[] | undefined)[];
  private readonly chunkOf: number[];
  private readonly types: readonly ArrowType[];
  private readonly first: number;
  private chunk: DuckDBDataChunk | null = null;
  private chunkNo = 0;
  constructor(types: readonly ArrowType[], parts: number, first: number) {
    this.types = types;
    this.first = first;
    this.sets = Array.from({ length: parts }, () => undefined);
    this.chunkOf = Array.from({ length: parts }, () => -1);
  }
  setChunk(chunk: DuckDBDataChunk): void {
    this.chunk = chunk;
    this.chunkNo += 1;
  }
  /** Append the current chunk's rows [from, to) to part `k`. */
  append(k: number, from: number, to: number): void {
    if (to <= from) return;
    const set = (this.sets[k] ??= this.types.map(makeColumnBuilder));
    if (this.chunkOf[k] !== this.chunkNo) {
      set.forEach((b, c) => b.setChunk(this.chunk!, c + this.first));
      this.chunkOf[k] = this.chunkNo;
    }
    for (const b of set) b.append(from, to);
  }
  /** Part `k`'s rows since the last clear (empty columns when it has none). */
  toData(k: number): Data[] {
    const set = (this.sets[k] ??= this.types.map(makeColumnBuilder));
    return set.map((b) => b.toData());
  }
  clear(): void {
    for (const set of this.sets) for (const b of set ?? []) b.clear();
  }
}

/**
 * Stream one metrics table (metrics wrote it sorted, party first) chunk by chunk and hand each listed party its
 * rows as Arrow data, one party at a time (with `split`, each of its parts in turn, rows in file order); listed
 * parties without rows get empty columns. Only one party's rows are held in memory, and nothing is sorted again.
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
  const first = split ? 2 : 1;
  const builders = new PartBuilders(types, split?.parts.length ?? 1, first);
  const result = await db.stream(toStreamSql(file, kept, split));
  types.forEach((type, k) => {
    const got = result.columnType(k + first).toString();
    if (got !== DUCK_TYPE[type]) throw new Error(`column ${kept[k]!.name} read as ${got}, expected ${DUCK_TYPE[type]}: ${file}`);
  });

  const listed = new Set(partyIds);
  const seen = new Set<string>();
  const rows: number[] = Array.from({ length: split?.parts.length ?? 1 }, () => 0);
  const emit = async (partyId: string): Promise<void> => {
    if (!split) return onParty(partyId, builders.toData(0), rows[0]!);
    for (const [k, part] of split.parts.entries()) await onParty(partyId, builders.toData(k), rows[k]!, part);
  };
  let party: string | null = null;
  const flush = async (): Promise<void> => {
    if (party !== null && listed.has(party)) await emit(party);
    builders.clear();
    rows.fill(0);
  };

  let header: Uint32Array | null = null;
  for await (const chunk of readChunksAhead(result)) {
    const n = chunk.rowCount;
    const ids = new StringColumn(chunk, 0);
    if (hasNull(ids.validity, n)) throw new Error(`metrics table has a null party_id: ${file}`);
    const parts = split ? readInt32s(readChunkVector(chunk, 1), n) : null;
    builders.setChunk(chunk);
    let from = 0;
    let part = parts ? parts[0]! : 0;
    const take = (to: number): void => {
      builders.append(part, from, to);
      rows[part]! += to - from;
      from = to;
    };
    for (let i = 0; i < n; i += 1) {
      if (parts !== null && parts[i] !== part) {
        take(i);
        part = parts[i]!;
      }
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
  for (const id of partyIds) if (!seen.has(id)) await emit(id);
}
