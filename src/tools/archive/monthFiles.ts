import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import type { ArchivedFile } from './manifest.ts';
import type { TarSource } from './tar.ts';

/** Byte-wise order, the same on every machine and locale. */
export const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Map with at most `limit` calls in flight (thousands of files must not open at once); order kept. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every regular file under `dir` as a `/`-separated relative path, sorted; links and other types are refused. */
export async function listMonthFiles(dir: string): Promise<{ path: string; bytes: number; mtimeMs: number }[]> {
  const found: { path: string; bytes: number; mtimeMs: number }[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(join(dir, path));
        found.push({ path, bytes: info.size, mtimeMs: info.mtimeMs });
      } else throw new CarsError('not a regular file', path, dir);
    }
  };
  try {
    await walk('');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CarsError('month folder not found', dir);
    throw error;
  }
  return found.sort(byPath);
}

export async function digestMonthFiles(dir: string): Promise<ArchivedFile[]> {
  const files = await listMonthFiles(dir);
  return mapLimited(files, 8, async (f) => ({ path: f.path, bytes: f.bytes, sha256: await sha256File(join(dir, f.path)) }));
}

export const toTarSources = (dir: string, month: string, files: { path: string; bytes: number }[]): TarSource[] =>
  files.map((f) => ({ path: `${month}/${f.path}`, size: f.bytes, read: () => createReadStream(join(dir, f.path)) }));
