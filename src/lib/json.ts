import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { CarsError } from './errors.ts';

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
