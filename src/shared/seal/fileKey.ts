import { encodeFields, toBytes, utf8 } from './bytes.ts';
import { DATA_KEY_LENGTH, FILE_KEY_SALT, type FileContext } from './format.ts';
import { SealError } from './errors.ts';

/** A party's data key for one month: raw bytes at build time, a non-extractable HKDF key in the browser. */
export type DataKey = CryptoKey | Uint8Array;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

export async function importDataKey(dataKey: DataKey): Promise<CryptoKey> {
  if (!(dataKey instanceof Uint8Array)) return dataKey;
  if (dataKey.length !== DATA_KEY_LENGTH) throw new SealError('wrong-key', `data key must be ${DATA_KEY_LENGTH} bytes`);
  return subtle().importKey('raw', toBytes(dataKey), 'HKDF', false, ['deriveKey', 'deriveBits']);
}

export const fileKeyInfo = (context: FileContext): Uint8Array<ArrayBuffer> =>
  encodeFields(['file', context.partySlug, context.month, context.fileName]);

/** Per-file AES-256-GCM key: HKDF-SHA-256(data key, salt, info = file context). */
export async function deriveFileKey(dataKey: DataKey, context: FileContext, extractable = false): Promise<CryptoKey> {
  const base = await importDataKey(dataKey);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(FILE_KEY_SALT), info: fileKeyInfo(context) },
    base,
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}
