import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { signingKeyPath, writePrivateFile } from '../../pipeline/seal/secretsDir.ts';

/** Public key beside the archives, and at the root of the published site (for an independent copy). */
export const ARCHIVE_KEY_FILE = 'signing-key.pub.pem';
export const PUBLISHED_KEY_FILE = 'archive-signing-key.pem';

/** Detached Ed25519 signature over the manifest file's exact bytes (64 raw bytes, as openssl writes them). */
export const toSignaturePath = (manifestPath: string): string => `${manifestPath}.sig`;

export interface SigningKey {
  privateKey: KeyObject;
  publicPem: string;
  keyId: string;
}

/** SHA-256 of the public key (DER SubjectPublicKeyInfo), hex: names the key in manifests and messages. */
export const toKeyId = (publicKey: KeyObject): string => sha256(publicKey.export({ type: 'spki', format: 'der' }));

function toSigningKey(privateKey: KeyObject, where: string): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new CarsError('archive signing key is not Ed25519', where);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: toKeyId(publicKey) };
}

/** The secrets folder's archive signing key, made once (PKCS#8 PEM, mode 0600). */
export async function readSigningKey(secrets: string, create: boolean): Promise<SigningKey> {
  const path = signingKeyPath(secrets);
  const pem = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return undefined;
  });
  if (pem !== undefined) return toSigningKey(createPrivateKey(pem), path);
  if (!create) throw new CarsError('no archive signing key in the secrets folder', path);
  const { privateKey } = generateKeyPairSync('ed25519');
  await writePrivateFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return toSigningKey(privateKey, path);
}

export async function readPublicKey(path: string): Promise<KeyObject> {
  const pem = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CarsError('public key file not found', path);
    throw error;
  });
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new CarsError('not a public key file', path);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CarsError('public key is not Ed25519', path);
  return key;
}

export const signBytes = (bytes: Uint8Array, key: SigningKey): Buffer => sign(null, bytes, key.privateKey);

export const isValidSignature = (bytes: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean =>
  signature.length === 64 && verify(null, bytes, publicKey, signature);

/** Write `content` to `path` unless it already holds exactly that. */
async function writeIfChanged(path: string, content: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => undefined)) === content) return;
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** Put the public key beside the archives and, when given, at the root of the published output. */
export async function writePublicKey(key: SigningKey, archiveDir: string, out?: string): Promise<void> {
  await writeIfChanged(join(archiveDir, ARCHIVE_KEY_FILE), key.publicPem);
  if (out) await writeIfChanged(join(out, PUBLISHED_KEY_FILE), key.publicPem);
}
