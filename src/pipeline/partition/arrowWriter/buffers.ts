/** Growable buffers for the column builders, laid out as apache-arrow's own builders flush them. */

const capacity = (have: number, needed: number): number => Math.max(needed, have * 2, 1024);

export function growBytes(array: Uint8Array, needed: number): Uint8Array {
  if (array.length >= needed) return array;
  const next = new Uint8Array(capacity(array.length, needed));
  next.set(array);
  return next;
}

export function growInt32s(array: Int32Array, needed: number): Int32Array {
  if (array.length >= needed) return array;
  const next = new Int32Array(capacity(array.length, needed));
  next.set(array);
  return next;
}

export function growFloat64s(array: Float64Array, needed: number): Float64Array {
  if (array.length >= needed) return array;
  const next = new Float64Array(capacity(array.length, needed));
  next.set(array);
  return next;
}

export const isSet = (bits: Uint8Array, i: number): boolean => ((bits[i >> 3]! >> (i & 7)) & 1) === 1;

/** Bitmap bytes apache-arrow's builders flush for n bits: whole 64-byte blocks, at least one. */
const bitmapBytes = (bits: number): number => Math.max(64, Math.ceil(Math.ceil(bits / 8) / 64) * 64);

/** LSB-first bit buffer; bits past `length` stay zero. */
export class Bitmap {
  bits: Uint8Array = new Uint8Array(0);
  length = 0;
  ones = 0;

  /** Room for n more bits; push() relies on it. */
  reserve(n: number): void {
    this.bits = growBytes(this.bits, (this.length + n + 7) >> 3);
  }

  push(value: boolean): void {
    if (value) {
      this.bits[this.length >> 3]! |= 1 << (this.length & 7);
      this.ones += 1;
    }
    this.length += 1;
  }

  pushOnes(n: number): void {
    this.reserve(n);
    let i = this.length;
    const end = i + n;
    for (; i < end && (i & 7) !== 0; i += 1) this.bits[i >> 3]! |= 1 << (i & 7);
    const fullEnd = end & ~7;
    if (i < fullEnd) {
      this.bits.fill(0xff, i >> 3, fullEnd >> 3);
      i = fullEnd;
    }
    for (; i < end; i += 1) this.bits[i >> 3]! |= 1 << (i & 7);
    this.length = end;
    this.ones += n;
  }

  /** Append source validity bits [from, to); a null source means all valid. */
  pushValidity(source: Uint8Array | null, from: number, to: number): void {
    if (source === null) return this.pushOnes(to - from);
    this.reserve(to - from);
    for (let i = from; i < to; i += 1) this.push(isSet(source, i));
  }

  get zeros(): number {
    return this.length - this.ones;
  }

  toBuffer(): Uint8Array {
    const out = new Uint8Array(bitmapBytes(this.length));
    out.set(this.bits.subarray(0, (this.length + 7) >> 3));
    return out;
  }

  /** The validity buffer apache-arrow keeps: none when nothing is null. */
  toNullBitmap(): Uint8Array | undefined {
    return this.zeros > 0 ? this.toBuffer() : undefined;
  }

  clear(): void {
    this.bits.fill(0, 0, (this.length + 7) >> 3);
    this.length = 0;
    this.ones = 0;
  }
}

/**
 * Start appending source rows [from, to) to a Utf8 or List column: push their validity and make room for their
 * offsets. Returns the value count the column reaches once they are in (`size` of each valid row added to `offsets.last`).
 */
export function reserveRows(
  validity: Bitmap,
  offsets: Offsets,
  valid: Uint8Array | null,
  from: number,
  to: number,
  size: (i: number) => number,
): number {
  validity.pushValidity(valid, from, to);
  offsets.reserve(to - from);
  let needed = offsets.last;
  for (let i = from; i < to; i += 1) if (valid === null || isSet(valid, i)) needed += size(i);
  return needed;
}

/** Value offsets (length + 1 entries, the first 0) of Utf8 and List columns. */
export class Offsets {
  values: Int32Array = new Int32Array(1024);
  length = 0;

  reserve(n: number): void {
    this.values = growInt32s(this.values, this.length + n + 1);
  }

  /** Append one entry ending at `end`; needs reserve(). */
  push(end: number): void {
    this.length += 1;
    this.values[this.length] = end;
  }

  get last(): number {
    return this.values[this.length]!;
  }

  toBuffer(): Int32Array {
    return this.values.subarray(0, this.length + 1);
  }

  clear(): void {
    this.length = 0;
  }
}
