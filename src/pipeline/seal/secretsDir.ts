import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The secrets folder is private: folders 0700, files 0600, writes atomic. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/** Atomic write of a file that is 0600 from the moment it exists (never opened wider, then narrowed). */
export async function writePrivateFile(path: string, content: string | Uint8Array): Promise<void> {
  await ensurePrivateDir(dirname(path));
  const tmp = `${path}.tmp-${process.pid}`;
  await rm(tmp, { force: true });
  await writeFile(tmp, content, { mode: 0o600, flag: 'wx' });
  await rename(tmp, path);
}

export const registryPath = (secrets: string): string => join(secrets, 'registry.json');
export const dataKeysPath = (secrets: string, month: string): string => join(secrets, 'data-keys', `${month}.json`);
export const linksPath = (secrets: string): string => join(secrets, 'sign-in-links.txt');
export const signingKeyPath = (secrets: string): string => join(secrets, 'archive-signing-key.pem');
