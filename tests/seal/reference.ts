/**
 * An independent implementation of docs/sealed-format.md on node:crypto, used to check the
 * WebCrypto core byte for byte (known answers) and for interoperability.
 */
import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const fields = (values: string[]): Buffer =>
  Buffer.concat(
    values.flatMap((v) => {
      const b = Buffer.from(v, 'utf8');
      const len = Buffer.alloc(2);
      len.writeUInt16BE(b.length);
      return [len, b];
    }),
  );

export interface RefContext {
  partySlug: string;
  month: string;
  fileName: string;
}

export function refFileKey(dataKey: Uint8Array, c: RefContext): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from('cars-seal v1 file'), fields(['file', c.partySlug, c.month, c.fileName]), 32));
}

export function refSeal(plaintext: Uint8Array, dataKey: Uint8Array, c: RefContext, iv: Uint8Array, gzip: boolean): Buffer {
  const name = Buffer.from(c.fileName);
  const nameLen = Buffer.alloc(2);
  nameLen.writeUInt16BE(name.length);
  const headerFields = Buffer.concat([
    Buffer.from('CARS'),
    Buffer.from([1, 1, gzip ? 1 : 0, c.partySlug.length]),
    Buffer.from(c.partySlug),
    Buffer.from([c.month.length]),
    Buffer.from(c.month),
    nameLen,
    name,
  ]);
  const check = createHash('sha256').update(headerFields).digest().subarray(0, 8);
  const aad = Buffer.concat([headerFields, check, iv]);
  const cipher = createCipheriv('aes-256-gcm', refFileKey(dataKey, c), iv);
  cipher.setAAD(aad);
  const body = gzip ? gzipSync(plaintext) : plaintext;
  return Buffer.concat([aad, cipher.update(body), cipher.final(), cipher.getAuthTag()]);
}

export function refRecipientSecrets(recipientId: string, token: Uint8Array): { wrapKey: Buffer; check: Buffer } {
  const salt = Buffer.from('cars-seal v1 recipient');
  return {
    wrapKey: Buffer.from(hkdfSync('sha256', token, salt, fields(['wrap', recipientId]), 32)),
    check: Buffer.from(hkdfSync('sha256', token, salt, fields(['check', recipientId]), 16)),
  };
}

export function refWrap(
  dataKey: Uint8Array,
  wrapKey: Uint8Array,
  iv: Uint8Array,
  slug: string,
  month: string,
  recipientId: string,
): Buffer {
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
  cipher.setAAD(fields(['keyring', '1', slug, month, recipientId]));
  return Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
}
