import { encodeFields, equalBytes, fromBase64Url, fromUtf8, randomBytes, toBase64Url, toBytes, utf8, type Bytes } from './bytes.ts';
import { deriveRecipientSecrets, type Credential } from './credential.ts';
import { SealError } from './errors.ts';
import { importDataKey } from './fileKey.ts';
import {
  DATA_KEY_LENGTH,
  IV_LENGTH,
  KEY_CHECK_LENGTH,
  KEYRING_FORMAT,
  KEYRING_VERSION,
  MONTH_PATTERN,
  RECIPIENT_PATTERN,
  SLUG_PATTERN,
  TAG_LENGTH,
  type SealContext,
} from './format.ts';

export interface KeyringEntry {
  recipient: string;
  check: Bytes;
  iv: Bytes;
  wrapped: Bytes;
}

export interface Keyring {
  slug: string;
  month: string;
  entries: KeyringEntry[];
}

export interface KeyringRecipient {
  recipientId: string;
  wrapKey: Uint8Array;
  check: Uint8Array;
  /** Fixed IV for known-answer tests only. */
  iv?: Uint8Array;
}

const entryAad = (slug: string, month: string, recipient: string): Bytes =>
  encodeFields(['keyring', String(KEYRING_VERSION), slug, month, recipient]);

const importWrapKey = (wrapKey: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> =>
  globalThis.crypto.subtle.importKey('raw', toBytes(wrapKey), 'AES-GCM', false, [usage]);

/** Keyring JSON (UTF-8): the data key wrapped once per recipient with AES-256-GCM. */
export async function buildKeyring(context: SealContext, dataKey: Uint8Array, recipients: KeyringRecipient[]): Promise<Bytes> {
  if (!SLUG_PATTERN.test(context.partySlug) || !MONTH_PATTERN.test(context.month)) throw new SealError('malformed', 'keyring context');
  if (dataKey.length !== DATA_KEY_LENGTH) throw new SealError('malformed', 'data key length');
  const sorted = [...recipients].sort((a, b) => (a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0));
  const entries = [];
  for (const r of sorted) {
    if (!RECIPIENT_PATTERN.test(r.recipientId) || r.check.length !== KEY_CHECK_LENGTH) throw new SealError('malformed', 'recipient');
    const iv = r.iv ? toBytes(r.iv) : randomBytes(IV_LENGTH);
    const key = await importWrapKey(r.wrapKey, 'encrypt');
    const additionalData = entryAad(context.partySlug, context.month, r.recipientId);
    const wrapped = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, toBytes(dataKey)));
    entries.push({ recipient: r.recipientId, check: toBase64Url(r.check), iv: toBase64Url(iv), wrapped: toBase64Url(wrapped) });
  }
  const doc = { format: KEYRING_FORMAT, version: KEYRING_VERSION, slug: context.partySlug, month: context.month, entries };
  return utf8(`${JSON.stringify(doc, null, 1)}\n`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function hasExactKeys(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

function decodeField(value: unknown, length: number, what: string): Bytes {
  const bytes = typeof value === 'string' ? fromBase64Url(value) : undefined;
  if (!bytes || bytes.length !== length) throw new SealError('malformed', `keyring ${what}`);
  return bytes;
}

export function parseKeyring(bytes: Uint8Array): Keyring {
  let doc: unknown;
  try {
    doc = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new SealError('malformed', 'keyring is not JSON');
  }
  if (!isRecord(doc) || !hasExactKeys(doc, ['format', 'version', 'slug', 'month', 'entries']) || doc.format !== KEYRING_FORMAT)
    throw new SealError('malformed', 'not a keyring');
  if (doc.version !== KEYRING_VERSION) throw new SealError('malformed', 'unsupported keyring version');
  const { slug, month, entries } = doc;
  if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug)) throw new SealError('malformed', 'keyring slug');
  if (typeof month !== 'string' || !MONTH_PATTERN.test(month)) throw new SealError('malformed', 'keyring month');
  if (!Array.isArray(entries)) throw new SealError('malformed', 'keyring entries');
  const seen = new Set<string>();
  const parsed = entries.map((entry: unknown): KeyringEntry => {
    if (!isRecord(entry) || !hasExactKeys(entry, ['recipient', 'check', 'iv', 'wrapped']))
      throw new SealError('malformed', 'keyring entry');
    const recipient = entry.recipient;
    if (typeof recipient !== 'string' || !RECIPIENT_PATTERN.test(recipient) || seen.has(recipient))
      throw new SealError('malformed', 'keyring recipient');
    seen.add(recipient);
    return {
      recipient,
      check: decodeField(entry.check, KEY_CHECK_LENGTH, 'check'),
      iv: decodeField(entry.iv, IV_LENGTH, 'iv'),
      wrapped: decodeField(entry.wrapped, DATA_KEY_LENGTH + TAG_LENGTH, 'wrapped key'),
    };
  });
  return { slug, month, entries: parsed };
}

/** The month's data key for this recipient, as a non-extractable HKDF key. */
export async function unwrapDataKey(keyringBytes: Uint8Array, credential: Credential, context: SealContext): Promise<CryptoKey> {
  const keyring = parseKeyring(keyringBytes);
  if (keyring.slug !== context.partySlug || keyring.month !== context.month)
    throw new SealError('wrong-context', 'keyring of another report or month');
  const entry = keyring.entries.find((e) => e.recipient === credential.recipientId);
  if (!entry) throw new SealError('no-entry');
  const secrets = await deriveRecipientSecrets(credential);
  if (!equalBytes(secrets.check, entry.check)) throw new SealError('wrong-key');
  let dataKey: Bytes;
  try {
    const key = await importWrapKey(secrets.wrapKey, 'decrypt');
    const additionalData = entryAad(keyring.slug, keyring.month, entry.recipient);
    dataKey = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: entry.iv, additionalData }, key, entry.wrapped));
  } catch {
    throw new SealError('integrity', 'keyring entry failed authentication');
  }
  const imported = await importDataKey(dataKey);
  dataKey.fill(0);
  return imported;
}
