import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { deriveRecipientSecrets, formatCredential, fromBase64Url, toBase64Url, type Credential } from '../../shared/seal/index.ts';
import { readJsonFile } from '../../lib/json.ts';
import { ensurePrivateDir, registryPath, writePrivateFile } from './secretsDir.ts';

export { readDataKey } from './dataKeys.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** Random lowercase base32 text (5 bits per character). */
export const randomBase32 = (length: number): string => Array.from(nodeRandomBytes(length), (b) => BASE32[b & 31]).join('');

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

const recipientSchema = z.object({
  recipientId: z.string().regex(/^[a-z2-7]{12}$/),
  name: z.string(),
  status: z.enum(['active', 'revoked']),
  createdAt: z.string(),
  changedAt: z.string().optional(),
  /** HKDF-derived from the token; the token itself is never stored. */
  wrapKey: b64,
  check: b64,
  /** `{SSHA}` hash of the host sign-in password (HTTP basic auth). */
  basicAuth: z.string().startsWith('{SSHA}'),
});

const partySchema = z.object({
  partyId: z.string().regex(/^[A-Z0-9]{2,12}$/),
  slug: z.string().regex(/^[a-z2-7]{16}$/),
  recipients: z.array(recipientSchema),
  /** Moves on at every revoke and rotate: data keys made under an older epoch are not used to seal again. */
  keyEpoch: z.number().int().nonnegative().optional(),
});

export const registrySchema = z.object({ version: z.literal(1), parties: z.array(partySchema) });
export type Registry = z.infer<typeof registrySchema>;
export type PartyEntry = z.infer<typeof partySchema>;
export type RecipientEntry = z.infer<typeof recipientSchema>;

export async function readRegistry(secrets: string): Promise<Registry> {
  return (await readJsonFile(registryPath(secrets), registrySchema, { optional: true })) ?? { version: 1, parties: [] };
}

export async function writeRegistry(secrets: string, registry: Registry): Promise<void> {
  await ensurePrivateDir(secrets);
  await writePrivateFile(registryPath(secrets), `${JSON.stringify(registrySchema.parse(registry), null, 2)}\n`);
}

export const findParty = (registry: Registry, partyId: string): PartyEntry | undefined =>
  registry.parties.find((p) => p.partyId === partyId);
export const findPartyBySlug = (registry: Registry, slug: string): PartyEntry | undefined => registry.parties.find((p) => p.slug === slug);
export const activeRecipients = (party: PartyEntry): RecipientEntry[] => party.recipients.filter((r) => r.status === 'active');

/** The party's entry, created with a fresh random slug the first time (mutates the registry). */
export function ensureParty(registry: Registry, partyId: string): PartyEntry {
  const existing = findParty(registry, partyId);
  if (existing) return existing;
  if (!/^[A-Z0-9]{2,12}$/.test(partyId)) throw new CarsError('party id must be 2–12 of A–Z, 0–9', partyId, 'recipients');
  const taken = new Set(registry.parties.map((p) => p.slug));
  let slug = randomBase32(16);
  while (taken.has(slug)) slug = randomBase32(16);
  const party = { partyId, slug, recipients: [] };
  registry.parties.push(party);
  return party;
}

export const toSshaHash = (password: string, salt = nodeRandomBytes(8)): string =>
  `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;

export interface IssuedCredential {
  recipient: RecipientEntry;
  /** `<recipient>.<token>`: shown once, never stored. */
  accessKey: string;
  /** Host sign-in password (basic auth, user = recipient id): shown once, stored only as a salted hash. */
  password: string;
}

async function issueSecrets(
  recipientId: string,
): Promise<{ credential: Credential; password: string; fields: Pick<RecipientEntry, 'wrapKey' | 'check' | 'basicAuth'> }> {
  const credential = { recipientId, token: new Uint8Array(nodeRandomBytes(32)) };
  const secrets = await deriveRecipientSecrets(credential);
  const password = toBase64Url(nodeRandomBytes(18));
  return {
    credential,
    password,
    fields: { wrapKey: toBase64Url(secrets.wrapKey), check: toBase64Url(secrets.check), basicAuth: toSshaHash(password) },
  };
}

export async function addRecipient(registry: Registry, partyId: string, name: string, now = new Date()): Promise<IssuedCredential> {
  const party = ensureParty(registry, partyId);
  const taken = new Set(registry.parties.flatMap((p) => p.recipients.map((r) => r.recipientId)));
  let recipientId = randomBase32(12);
  while (taken.has(recipientId)) recipientId = randomBase32(12);
  const issued = await issueSecrets(recipientId);
  const recipient = { recipientId, name, status: 'active' as const, createdAt: now.toISOString(), ...issued.fields };
  party.recipients.push(recipient);
  return { recipient, accessKey: formatCredential(issued.credential), password: issued.password };
}

/** The one active recipient a command means: by id, else by name; never a guess. */
export function selectRecipient(registry: Registry, partyId: string, by: { recipientId?: string; name?: string }): RecipientEntry {
  const party = findParty(registry, partyId);
  if (!party) throw new CarsError('party has no recipients', partyId, '--party');
  const matches = activeRecipients(party).filter((r) => (by.recipientId ? r.recipientId === by.recipientId : r.name === by.name));
  if (!by.recipientId && by.name === undefined) throw new CarsError('say which recipient', 'use --recipient ID or --name NAME', partyId);
  if (matches.length !== 1)
    throw new CarsError(
      matches.length ? 'several active recipients match' : 'no active recipient matches',
      by.recipientId ?? by.name,
      partyId,
    );
  return matches[0] as RecipientEntry;
}

/** The withdrawn token had the party's data keys: whatever is sealed from now on gets new ones. */
const retireDataKeys = (party: PartyEntry): void => {
  party.keyEpoch = (party.keyEpoch ?? 0) + 1;
};

export function revokeRecipient(party: PartyEntry, recipient: RecipientEntry, now = new Date()): void {
  if (!party.recipients.includes(recipient)) throw new CarsError('recipient of another party', recipient.recipientId, party.partyId);
  recipient.status = 'revoked';
  recipient.changedAt = now.toISOString();
  retireDataKeys(party);
}

/** New token and password for the same recipient id; the old ones stop working at the next re-wrap. */
export async function rotateRecipient(party: PartyEntry, recipient: RecipientEntry, now = new Date()): Promise<IssuedCredential> {
  if (!party.recipients.includes(recipient)) throw new CarsError('recipient of another party', recipient.recipientId, party.partyId);
  const issued = await issueSecrets(recipient.recipientId);
  Object.assign(recipient, issued.fields, { changedAt: now.toISOString() });
  retireDataKeys(party);
  return { recipient, accessKey: formatCredential(issued.credential), password: issued.password };
}

export const toKeyringRecipients = (party: PartyEntry): { recipientId: string; wrapKey: Uint8Array; check: Uint8Array }[] =>
  activeRecipients(party).map((r) => ({
    recipientId: r.recipientId,
    wrapKey: fromBase64Url(r.wrapKey) ?? new Uint8Array(),
    check: fromBase64Url(r.check) ?? new Uint8Array(),
  }));
