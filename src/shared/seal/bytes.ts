/** Byte helpers shared by Node and the browser (no node: imports). */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Bytes => encoder.encode(text);
/** Strict UTF-8 decode; throws TypeError on invalid input (callers map it). */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

/** A copy backed by a plain ArrayBuffer, as WebCrypto wants. */
export const toBytes = (bytes: Uint8Array): Bytes => {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
};

/** The same bytes typed for WebCrypto and Blob: the view itself when a plain ArrayBuffer backs it, else a copy (large files are not copied). */
export const asBytes = (bytes: Uint8Array): Bytes => (bytes.buffer instanceof ArrayBuffer ? (bytes as Bytes) : toBytes(bytes));

export function concatBytes(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Length-prefixed fields (u16 big-endian length + UTF-8), so no two field lists encode alike. */
export function encodeFields(fields: string[]): Bytes {
  const parts: Uint8Array[] = [];
  for (const field of fields) {
    const bytes = utf8(field);
    parts.push(new Uint8Array([bytes.length >> 8, bytes.length & 0xff]), bytes);
  }
  return concatBytes(...parts);
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decode unpadded base64url; undefined when not canonical (so every value has one spelling). */
export function fromBase64Url(text: string): Bytes | undefined {
  if (!B64URL.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return toBase64Url(bytes) === text ? bytes : undefined;
}

export const randomBytes = (length: number): Bytes => globalThis.crypto.getRandomValues(new Uint8Array(length));

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
