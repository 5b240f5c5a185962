import type { DuckDBDataChunk } from '@duckdb/node-api';
import { Field, Int32, List, makeData, type Data } from 'apache-arrow';
import { Bitmap, Offsets, growInt32s, isSet, reserveRows } from './buffers.ts';
import type { ColumnBuilder } from './columns.ts';
import { IntListColumn, readChunkVector, readValidity } from './rawVectors.ts';

/** list<int32> column (the RTT histograms): offsets plus one child of int32 items, as apache-arrow builds it. */
export class IntListBuilder implements ColumnBuilder {
  private source: IntListColumn | null = null;
  private sourceValidity: Uint8Array | null = null;
  private items: Int32Array = new Int32Array(4096);
  private readonly itemValidity = new Bitmap();
  private readonly offsets = new Offsets();
  private readonly validity = new Bitmap();
  setChunk(chunk: DuckDBDataChunk, column: number): void {
    const vector = readChunkVector(chunk, column);
    const rows = chunk.rowCount;
    this.source = new IntListColumn(vector, rows);
    this.sourceValidity = readValidity(vector, rows);
  }
  append(from: number, to: number): void {
    const source = this.source!;
    const valid = this.sourceValidity;
    this.items = growInt32s(
      this.items,
      reserveRows(this.validity, this.offsets, valid, from, to, (i) => source.length(i)),
    );
    let end = this.offsets.last;
    // DuckDB usually stores a chunk's lists back to back: copy each contiguous run at once.
    let runFrom = 0;
    let runTo = 0;
    for (let i = from; i < to; i += 1) {
      if (valid === null || isSet(valid, i)) {
        const start = source.offset(i);
        if (start !== runTo) {
          this.copyItems(runFrom, runTo);
          runFrom = runTo = start;
        }
        runTo += source.length(i);
        end += source.length(i);
      }
      this.offsets.push(end);
    }
    this.copyItems(runFrom, runTo);
  }
  /** Append the child's items [from, to) after those already appended. */
  private copyItems(from: number, to: number): void {
    if (to <= from) return;
    const { child, childValidity } = this.source!;
    const at = this.itemValidity.length;
    this.items.set(child.subarray(from, to), at);
    if (childValidity) for (let k = from; k < to; k += 1) if (!isSet(childValidity, k)) this.items[at + k - from] = 0;
    this.itemValidity.pushValidity(childValidity, from, to);
  }
  toData(): Data {
    const { length, zeros } = this.validity;
    const items = this.itemValidity;
    const child = makeData({
      type: new Int32(),
      length: items.length,
      nullCount: items.zeros,
      nullBitmap: items.toNullBitmap(),
      data: this.items.subarray(0, items.length),
    });
    const type = new List(new Field('item', new Int32(), true));
    return makeData({
      type,
      length,
      nullCount: zeros,
      nullBitmap: this.validity.toNullBitmap(),
      valueOffsets: this.offsets.toBuffer(),
      child,
    });
  }
  clear(): void {
    this.offsets.clear();
    this.validity.clear();
    this.itemValidity.clear();
  }
}
