import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { CarsError } from './errors.ts';

/** A stage's manifest, parsed; a missing, unreadable or invalid file is a one-line CarsError naming the stage to rerun. */
export async function readStageManifest<T extends z.ZodType>(path: string, schema: T, stage: string): Promise<z.infer<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CarsError(`${stage} manifest ${missing ? 'missing' : 'unreadable'}, rerun the ${stage} stage`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CarsError(`${stage} manifest is not JSON, rerun the ${stage} stage`, path);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new CarsError(`${stage} manifest is invalid, rerun the ${stage} stage`, `${issue?.message ?? 'invalid'}${at}`, path);
  }
  return parsed.data;
}
