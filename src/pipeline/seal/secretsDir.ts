import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The secrets folder is private: folders 0700, files 0600, writes atomic. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

export async function writePrivateFile(path: string, content: string): Promise<void> {
  await ensurePrivateDir(dirname(path));
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

export async function appendPrivateFile(path: string, content: string): Promise<void> {
  await ensurePrivateDir(dirname(path));
  await writeFile(path, content, { mode: 0o600, flag: 'a' });
  await chmod(path, 0o600);
}

export { readJsonFile } from '../../lib/json.ts';

export const registryPath = (secrets: string): string => join(secrets, 'registry.json');
export const dataKeysPath = (secrets: string, month: string): string => join(secrets, 'data-keys', `${month}.json`);
export const linksPath = (secrets: string): string => join(secrets, 'sign-in-links.txt');
