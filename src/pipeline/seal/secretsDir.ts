import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';

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

/** Parse a JSON file against a schema; undefined when the file does not exist. */
export async function readJsonFile<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CarsError('not valid JSON', path);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CarsError('unexpected content', parsed.error.issues[0]?.message ?? 'invalid', path);
  return parsed.data;
}

export const registryPath = (secrets: string): string => join(secrets, 'registry.json');
export const dataKeysPath = (secrets: string, month: string): string => join(secrets, 'data-keys', `${month}.json`);
export const linksPath = (secrets: string): string => join(secrets, 'sign-in-links.txt');
