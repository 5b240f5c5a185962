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

/** Size class of version 2, computed apart from the WebCrypto core: 4 KiB units, 2^j or ⌈2^j·√2⌉ of them. */
export function refSizeClass(length: number): number {
  const unit = 4096n;
  for (let j = 0n; ; j++) {
    const power = 1n << j;
    let between = power;
    while (between * between < 2n * power * power) between++;
    for (const units of [power, between]) if (units * unit >= BigInt(length)) return Number(units * unit);
  }
}

/** Version 2 plaintext framing: u32 length, payload, zeros up to the class. */
export function refPad(payload: Uint8Array): Buffer {
  const padded = Buffer.alloc(refSizeClass(payload.length + 4));
  padded.writeUInt32BE(payload.length);
  padded.set(payload, 4);
  return padded;
}

export interface RefSealOptions {
  gzip: boolean;
  version?: 1 | 2;
  /** Version 2 only: the exact GCM plaintext, to build files with a broken framing. */
  framed?: Uint8Array;
}

export function refSeal(plaintext: Uint8Array, dataKey: Uint8Array, c: RefContext, iv: Uint8Array, options: RefSealOptions): Buffer {
  const version = options.version ?? 2;
  const name = Buffer.from(c.fileName);
  const nameLen = Buffer.alloc(2);
  nameLen.writeUInt16BE(name.length);
  const headerFields = Buffer.concat([
    Buffer.from('CARS'),
    Buffer.from([version, 1, options.gzip ? 1 : 0, c.partySlug.length]),
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
  const payload = options.gzip ? gzipSync(plaintext) : plaintext;
  const body = version === 1 ? payload : (options.framed ?? refPad(payload));
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
