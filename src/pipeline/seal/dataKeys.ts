import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { fromBase64Url, isSealError, openSealed, toBase64Url, type FileContext } from '../../shared/seal/index.ts';
import { readJsonFile } from '../../lib/json.ts';
import { dataKeysPath, writePrivateFile } from './secretsDir.ts';

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * `data-keys/<month>.json`: each party's current key, the party's key epoch it was made under, and the
 * keys it replaced (newest first), which built and archived months sealed before a revocation still use.
 */
const dataKeysSchema = z.object({
  month: z.string(),
  keys: z.record(z.string(), b64),
  epochs: z.record(z.string(), z.number().int().nonnegative()).default({}),
  retired: z.record(z.string(), z.array(b64)).default({}),
});
type DataKeys = z.infer<typeof dataKeysSchema>;

async function readDataKeys(secrets: string, month: string): Promise<DataKeys> {
  return (
    (await readJsonFile(dataKeysPath(secrets, month), dataKeysSchema, { optional: true })) ?? { month, keys: {}, epochs: {}, retired: {} }
  );
}

const writeDataKeys = (secrets: string, doc: DataKeys): Promise<void> =>
  writePrivateFile(dataKeysPath(secrets, doc.month), `${JSON.stringify(doc, null, 2)}\n`);

function decodeKey(text: string, partyId: string, path: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length !== 32) throw new CarsError('damaged data key', partyId, path);
  return bytes;
}

/** Replace the party's key with a new random one made under `epoch`; the old one is kept as retired. */
function replaceKey(doc: DataKeys, partyId: string, epoch: number): Uint8Array {
  const key = new Uint8Array(randomBytes(32));
  const old = doc.keys[partyId];
  if (old) doc.retired[partyId] = [old, ...(doc.retired[partyId] ?? [])];
  doc.keys[partyId] = toBase64Url(key);
  doc.epochs[partyId] = epoch;
  return key;
}

/** The party's current data key for a month (32 random bytes), created on first use when `create`. */
export async function readDataKey(secrets: string, month: string, partyId: string, create: boolean): Promise<Uint8Array> {
  const doc = await readDataKeys(secrets, month);
  const existing = doc.keys[partyId];
  if (existing) return decodeKey(existing, partyId, dataKeysPath(secrets, month));
  if (!create) throw new CarsError('no data key for party and month', `${partyId} ${month}`, dataKeysPath(secrets, month));
  const key = replaceKey(doc, partyId, 0);
  await writeDataKeys(secrets, doc);
  return key;
}

/**
 * The key to seal the party's month with now: the current one, unless a recipient was revoked or
 * rotated since it was made (party key epoch moved on), then a new random key.
 */
export async function readSealKey(secrets: string, month: string, party: { partyId: string; keyEpoch?: number }): Promise<Uint8Array> {
  return (await readSealKeys(secrets, month, [party])).get(party.partyId) as Uint8Array;
}

/** `readSealKey` for many parties: the keys file is read once and written once (when a key was made). */
export async function readSealKeys(
  secrets: string,
  month: string,
  parties: readonly { partyId: string; keyEpoch?: number }[],
): Promise<Map<string, Uint8Array>> {
  const doc = await readDataKeys(secrets, month);
  const keys = new Map<string, Uint8Array>();
  let changed = false;
  for (const party of parties) {
    const epoch = party.keyEpoch ?? 0;
    const existing = doc.keys[party.partyId];
    if (existing && (doc.epochs[party.partyId] ?? 0) >= epoch)
      keys.set(party.partyId, decodeKey(existing, party.partyId, dataKeysPath(secrets, month)));
    else {
      keys.set(party.partyId, replaceKey(doc, party.partyId, epoch));
      changed = true;
    }
  }
  if (changed) await writeDataKeys(secrets, doc);
  return keys;
}

/** Every key the party's month was ever sealed with: current first, then retired ones, newest first. */
export async function readDataKeyHistory(secrets: string, month: string, partyId: string): Promise<Uint8Array[]> {
  const doc = await readDataKeys(secrets, month);
  const path = dataKeysPath(secrets, month);
  return [doc.keys[partyId], ...(doc.retired[partyId] ?? [])]
    .filter((k): k is string => Boolean(k))
    .map((k) => decodeKey(k, partyId, path));
}

/**
 * Which of `keys` the party's files were sealed with, found by opening one of them (`probe`);
 * a keyring is only ever rebuilt around the key its data files really use.
 */
export async function findSealingKey(
  keys: Uint8Array[],
  probe: { bytes: Uint8Array; context: FileContext } | undefined,
  where: string,
): Promise<Uint8Array> {
  if (keys.length === 0) throw new CarsError('no data key for party and month', where);
  if (!probe) {
    if (keys.length === 1) return keys[0] as Uint8Array;
    throw new CarsError('cannot tell which data key the files use (no sealed manifest beside the keyring)', where);
  }
  for (const key of keys) {
    try {
      await openSealed(probe.bytes, key, probe.context);
      return key;
    } catch (error) {
      if (!isSealError(error)) throw error;
    }
  }
  throw new CarsError('no data key of the month opens the party files', where);
}
