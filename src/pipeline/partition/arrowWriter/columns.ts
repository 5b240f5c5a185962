import type { DuckDBDataChunk } from '@duckdb/node-api';
import { Bool, Float64, Int32, Utf8, makeData, type Data } from 'apache-arrow';
import type { ArrowType } from '../arrow.ts';
import { Bitmap, Offsets, growBytes, growFloat64s, growInt32s, isSet, reserveRows } from './buffers.ts';
import { IntListBuilder } from './intLists.ts';
import { StringColumn, readBools, readChunkVector, readFloat64s, readInt32s, readValidity, type RawVector } from './rawVectors.ts';

/**
 * Accumulates rows of one column, copied from DuckDB chunks, into Arrow buffers laid out exactly as
 * apache-arrow's builders lay them out (the files' bytes must not depend on how they were built).
 */
export interface ColumnBuilder {
  /** Point at this column of a new chunk. */
  setChunk(chunk: DuckDBDataChunk, column: number): void;
  /** Append the current chunk's rows [from, to). */
  append(from: number, to: number): void;
  /** The rows appended since the last clear; valid until the next append. */
  toData(): Data;
  clear(): void;
}

interface FixedParts<T> {
  length: number;
  nullCount: number;
  nullBitmap: Uint8Array | undefined;
  data: T;
}

interface FixedKind<T> {
  empty: T;
  read(vector: RawVector, rows: number): T;
  grow(array: T, needed: number): T;
  make(parts: FixedParts<T>): Data;
}

const INT32: FixedKind<Int32Array> = {
  empty: new Int32Array(0),
  read: readInt32s,
  grow: growInt32s,
  make: (parts) => makeData({ type: new Int32(), ...parts }),
};
const FLOAT64: FixedKind<Float64Array> = {
  empty: new Float64Array(0),
  read: readFloat64s,
  grow: growFloat64s,
  make: (parts) => makeData({ type: new Float64(), ...parts }),
};

class FixedBuilder<T extends Int32Array | Float64Array> implements ColumnBuilder {
  private values: T;
  private source: T;
  private sourceValidity: Uint8Array | null = null;
  private readonly validity = new Bitmap();
  private readonly kind: FixedKind<T>;
  constructor(kind: FixedKind<T>) {
    this.kind = kind;
    this.values = kind.empty;
    this.source = kind.empty;
  }
  setChunk(chunk: DuckDBDataChunk, column: number): void {
    const vector = readChunkVector(chunk, column);
    const rows = chunk.rowCount;
    this.source = this.kind.read(vector, rows);
    this.sourceValidity = readValidity(vector, rows);
  }
  append(from: number, to: number): void {
    const at = this.validity.length;
    this.values = this.kind.grow(this.values, at + to - from);
    this.values.set(this.source.subarray(from, to), at);
    const valid = this.sourceValidity;
    // Builders leave a null's slot zero; DuckDB leaves whatever was there.
    if (valid) for (let i = from; i < to; i += 1) if (!isSet(valid, i)) this.values[at + i - from] = 0;
    this.validity.pushValidity(valid, from, to);
  }
  toData(): Data {
    const { length, zeros } = this.validity;
    return this.kind.make({
      length,
      nullCount: zeros,
      nullBitmap: this.validity.toNullBitmap(),
      data: this.values.subarray(0, length) as T,
    });
  }
  clear(): void {
    this.validity.clear();
  }
}

class BoolBuilder implements ColumnBuilder {
  private source: Uint8Array = new Uint8Array(0);
  private sourceValidity: Uint8Array | null = null;
  private readonly values = new Bitmap();
  private readonly validity = new Bitmap();
  setChunk(chunk: DuckDBDataChunk, column: number): void {
    const vector = readChunkVector(chunk, column);
    const rows = chunk.rowCount;
    this.source = readBools(vector, rows);
    this.sourceValidity = readValidity(vector, rows);
  }
  append(from: number, to: number): void {
    const valid = this.sourceValidity;
    this.validity.pushValidity(valid, from, to);
    this.values.reserve(to - from);
    for (let i = from; i < to; i += 1) this.values.push((valid === null || isSet(valid, i)) && this.source[i] !== 0);
  }
  toData(): Data {
    const { length, zeros } = this.validity;
    return makeData({ type: new Bool(), length, nullCount: zeros, nullBitmap: this.validity.toNullBitmap(), data: this.values.toBuffer() });
  }
  clear(): void {
    this.values.clear();
    this.validity.clear();
  }
}

class Utf8Builder implements ColumnBuilder {
  private source: StringColumn | null = null;
  private sourceValidity: Uint8Array | null = null;
  private bytes: Uint8Array = new Uint8Array(4096);
  private readonly offsets = new Offsets();
  private readonly validity = new Bitmap();
  setChunk(chunk: DuckDBDataChunk, column: number): void {
    this.source = new StringColumn(chunk, column);
    this.sourceValidity = this.source.validity;
  }
  append(from: number, to: number): void {
    const source = this.source!;
    const valid = this.sourceValidity;
    const needed = reserveRows(this.validity, this.offsets, valid, from, to, (i) => source.byteLength(i));
    const bytes = (this.bytes = growBytes(this.bytes, needed));
    let end = this.offsets.last;
    for (let i = from; i < to; i += 1) {
      if (valid === null || isSet(valid, i)) end += source.copyTo(i, bytes, end);
      this.offsets.push(end);
    }
  }
  toData(): Data {
    const { length, zeros } = this.validity;
    const valueOffsets = this.offsets.toBuffer();
    const data = this.bytes.subarray(0, this.offsets.last);
    return makeData({ type: new Utf8(), length, nullCount: zeros, nullBitmap: this.validity.toNullBitmap(), valueOffsets, data });
  }
  clear(): void {
    this.offsets.clear();
    this.validity.clear();
  }
}

export function makeColumnBuilder(type: ArrowType): ColumnBuilder {
  switch (type) {
    case 'int32':
      return new FixedBuilder(INT32);
    case 'float64':
      return new FixedBuilder(FLOAT64);
    case 'bool':
      return new BoolBuilder();
    case 'utf8':
      return new Utf8Builder();
    case 'list<int32>':
      return new IntListBuilder();
  }
}
