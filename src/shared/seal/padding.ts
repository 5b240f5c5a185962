/** Size classes of sealed payloads (format v2, docs/sealed-format.md): a sealed file's length reveals only its class. */
import { SealError } from './errors.ts';
import { toBytes, type Bytes } from './bytes.ts';

/** Smallest class and the step every class is a multiple of. */
export const PAD_UNIT = 4096;
/** The true payload length, u32 big-endian, heads the padded plaintext. */
export const LENGTH_FIELD = 4;
const MAX_PAYLOAD = 0xffff_ffff;
/** The largest payload the u32 length field and its padding can frame. */
export const MAX_SEALED_PAYLOAD = MAX_PAYLOAD - LENGTH_FIELD;
/** Keeps 2·power² below 2^53 in toSizeClass, so the integer arithmetic stays exact. */
const MAX_CLASS_INPUT = 2 ** 38;

/** Exact integer square root for x < 2^53 (Math.sqrt alone is not promised to round the same everywhere). */
function isqrt(x: number): number {
  let r = Math.floor(Math.sqrt(x));
  while (r * r > x) r--;
  while ((r + 1) * (r + 1) <= x) r++;
  return r;
}

/**
 * Smallest class ≥ length. Classes, in units of 4 KiB: 2^j and ⌈2^j·√2⌉ for j = 0, 1, 2, …
 * (1, 2, 3, 4, 6, 8, 12, 16, 23, 32, 46, …): a 4 KiB floor, then steps of about √2.
 */
export function toSizeClass(length: number): number {
  if (!Number.isInteger(length) || length < 0 || length > MAX_CLASS_INPUT) throw new SealError('malformed', `payload length ${length}`);
  for (let power = 1; ; power *= 2) {
    if (power * PAD_UNIT >= length) return power * PAD_UNIT;
    // 2·power² is never a square, so ⌈power·√2⌉ = ⌊√(2·power²)⌋ + 1.
    const between = isqrt(2 * power * power) + 1;
    if (between * PAD_UNIT >= length) return between * PAD_UNIT;
  }
}

export const isSizeClass = (length: number): boolean => length >= PAD_UNIT && toSizeClass(length) === length;

/** Length of the padded plaintext holding a payload of `length` bytes: the class of (payload + length field). */
export function toPaddedLength(length: number): number {
  if (length > MAX_SEALED_PAYLOAD) throw new SealError('malformed', 'payload too large to seal');
  return toSizeClass(length + LENGTH_FIELD);
}

/** Length field, payload, then zeros up to the class of (payload + length field). */
export function padPayload(payload: Uint8Array): Bytes {
  const padded = new Uint8Array(toPaddedLength(payload.length));
  new DataView(padded.buffer).setUint32(0, payload.length);
  padded.set(payload, LENGTH_FIELD);
  return padded;
}

/** The payload of an authenticated padded plaintext; only the canonical padding is accepted. */
export function unpadPayload(padded: Uint8Array): Bytes {
  if (!isSizeClass(padded.length)) throw new SealError('malformed', 'padded length is not a size class');
  const length = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0);
  const end = LENGTH_FIELD + length;
  if (end > padded.length || toSizeClass(end) !== padded.length) throw new SealError('malformed', `payload length ${length}`);
  for (let i = end; i < padded.length; i++) if (padded[i] !== 0) throw new SealError('malformed', 'padding not zero');
  return toBytes(padded.subarray(LENGTH_FIELD, end));
}
