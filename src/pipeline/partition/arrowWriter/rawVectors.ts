import { createRequire } from 'node:module';
import type { DuckDBDataChunk } from '@duckdb/node-api';

/** A DuckDB vector handle; its memory lives as long as the chunk it came from. */
export interface RawVector {
  __duckdb_type: 'duckdb_vector';
}
type RawChunk = DuckDBDataChunk['chunk'];

/** The few C-API calls node-api makes itself, used here to copy chunk memory without per-value objects. */
interface Bindings {
  sizeof_bool: number;
  data_chunk_get_vector(chunk: RawChunk, column: number): RawVector;
  vector_get_data(vector: RawVector, byteCount: number): Uint8Array;
  vector_get_validity(vector: RawVector, byteCount: number): Uint8Array | null;
  list_vector_get_child(vector: RawVector): RawVector;
  list_vector_get_size(vector: RawVector): number;
  get_data_from_pointer(buffer: ArrayBufferLike, pointerOffset: number, byteCount: number): Uint8Array;
}

// Resolved from node-api's own folder, so it is the very module (and native addon) node-api loaded.
const fromHere = createRequire(import.meta.url);
const bindings = createRequire(fromHere.resolve('@duckdb/node-api'))('@duckdb/node-bindings') as Bindings;

const STRING_BYTES = 16;
const INLINE_BYTES = 12;

export const readChunkVector = (chunk: DuckDBDataChunk, column: number): RawVector => bindings.data_chunk_get_vector(chunk.chunk, column);

/** Validity bits (LSB first, 1 = valid) of the first `rows` rows, or null when all are valid. */
export function readValidity(vector: RawVector, rows: number): Uint8Array | null {
  return bindings.vector_get_validity(vector, Math.ceil(rows / 64) * 8) ?? null;
}

const aligned = (bytes: Uint8Array, size: number): Uint8Array => (bytes.byteOffset % size === 0 ? bytes : bytes.slice());

export function readInt32s(vector: RawVector, rows: number): Int32Array {
  const bytes = aligned(bindings.vector_get_data(vector, rows * 4), 4);
  return new Int32Array(bytes.buffer, bytes.byteOffset, rows);
}

export function readFloat64s(vector: RawVector, rows: number): Float64Array {
  const bytes = aligned(bindings.vector_get_data(vector, rows * 8), 8);
  return new Float64Array(bytes.buffer, bytes.byteOffset, rows);
}

/** One byte per row, non-zero = true. */
export function readBools(vector: RawVector, rows: number): Uint8Array {
  if (bindings.sizeof_bool !== 1) throw new Error(`unsupported DuckDB bool size ${bindings.sizeof_bool}`);
  return bindings.vector_get_data(vector, rows);
}

/**
 * A VARCHAR column of a chunk: 16-byte string headers (length, then inline bytes or prefix + pointer).
 * Long strings are read through their pointers, so it keeps the chunk (which owns them) alive.
 */
export class StringColumn {
  readonly raw: Uint8Array;
  readonly words: Uint32Array;
  readonly validity: Uint8Array | null;
  readonly chunk: DuckDBDataChunk;
  constructor(chunk: DuckDBDataChunk, column: number) {
    const vector = readChunkVector(chunk, column);
    const rows = chunk.rowCount;
    this.chunk = chunk;
    this.raw = aligned(bindings.vector_get_data(vector, rows * STRING_BYTES), 4);
    this.words = new Uint32Array(this.raw.buffer, this.raw.byteOffset, rows * 4);
    this.validity = readValidity(vector, rows);
  }

  byteLength(row: number): number {
    return this.words[row * 4]!;
  }

  /** Copy row's UTF-8 bytes into out at pos; returns the byte count. */
  copyTo(row: number, out: Uint8Array, pos: number): number {
    const length = this.words[row * 4]!;
    const at = row * STRING_BYTES;
    if (length <= INLINE_BYTES) {
      const raw = this.raw;
      for (let k = 0; k < length; k += 1) out[pos + k] = raw[at + 4 + k]!;
    } else {
      out.set(bindings.get_data_from_pointer(this.raw.buffer, this.raw.byteOffset + at + 8, length), pos);
    }
    return length;
  }

  /** Whether two rows' headers are identical (then, for inline strings, so are their values). */
  sameHeader(row: number, other: Uint32Array): boolean {
    const w = this.words;
    const i = row * 4;
    return w[i]! <= INLINE_BYTES && w[i] === other[0] && w[i + 1] === other[1] && w[i + 2] === other[2] && w[i + 3] === other[3];
  }

  header(row: number): Uint32Array {
    return this.words.slice(row * 4, row * 4 + 4);
  }

  toString(row: number): string {
    const out = new Uint8Array(this.byteLength(row));
    this.copyTo(row, out, 0);
    return decoder.decode(out);
  }
}

const decoder = new TextDecoder();

/** An INTEGER[] vector: per row (offset, length) into one child vector of int32. */
export class IntListColumn {
  readonly entries: Uint32Array;
  readonly child: Int32Array;
  readonly childValidity: Uint8Array | null;
  constructor(vector: RawVector, rows: number) {
    const bytes = aligned(bindings.vector_get_data(vector, rows * 16), 4);
    this.entries = new Uint32Array(bytes.buffer, bytes.byteOffset, rows * 4);
    const child = bindings.list_vector_get_child(vector);
    const size = bindings.list_vector_get_size(vector);
    this.child = readInt32s(child, size);
    this.childValidity = readValidity(child, size);
  }

  offset(row: number): number {
    const e = this.entries;
    if (e[row * 4 + 1] !== 0) throw new Error('list offset beyond 32 bits in one DuckDB chunk');
    return e[row * 4]!;
  }

  length(row: number): number {
    return this.entries[row * 4 + 2]!;
  }
}
