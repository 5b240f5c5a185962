import { encodeFields, fromBase64Url, toBase64Url, toBytes, utf8, type Bytes } from './bytes.ts';
import { SealError } from './errors.ts';
import { KEY_CHECK_LENGTH, RECIPIENT_PATTERN, RECIPIENT_SALT, TOKEN_LENGTH } from './format.ts';

export interface Credential {
  recipientId: string;
  token: Uint8Array;
}

/** What the build keeps per recipient instead of the token. */
export interface RecipientSecrets {
  wrapKey: Bytes;
  check: Bytes;
}

/**
 * Accepts a sign-in link (`…#k=<recipient>.<token>`), the fragment (`#k=…` or `k=…`)
 * or the pasted `<recipient>.<token>`.
 */
export function parseCredential(text: string): Credential {
  let value = text.trim();
  const hash = value.indexOf('#');
  if (hash >= 0) value = value.slice(hash + 1);
  if (value.startsWith('k=')) value = value.slice(2);
  const parts = value.split('.');
  if (parts.length !== 2) throw new SealError('malformed', 'access key must look like <recipient>.<token>');
  const [recipientId, tokenText] = parts as [string, string];
  if (!RECIPIENT_PATTERN.test(recipientId)) throw new SealError('malformed', 'recipient part of the access key');
  const token = fromBase64Url(tokenText);
  if (!token || token.length !== TOKEN_LENGTH) throw new SealError('malformed', 'token part of the access key');
  return { recipientId, token };
}

export const formatCredential = (credential: Credential): string => `${credential.recipientId}.${toBase64Url(credential.token)}`;

async function hkdf(token: Uint8Array, purpose: string, recipientId: string, bits: number): Promise<Bytes> {
  const base = await globalThis.crypto.subtle.importKey('raw', toBytes(token), 'HKDF', false, ['deriveBits']);
  const info = encodeFields([purpose, recipientId]);
  return new Uint8Array(
    await globalThis.crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: utf8(RECIPIENT_SALT), info }, base, bits),
  );
}

/** Wrapping key and key-check value, both HKDF-SHA-256 from the token; the token itself is never stored. */
export async function deriveRecipientSecrets(credential: Credential): Promise<RecipientSecrets> {
  if (credential.token.length !== TOKEN_LENGTH) throw new SealError('malformed', 'token length');
  return {
    wrapKey: await hkdf(credential.token, 'wrap', credential.recipientId, 256),
    check: await hkdf(credential.token, 'check', credential.recipientId, KEY_CHECK_LENGTH * 8),
  };
}
