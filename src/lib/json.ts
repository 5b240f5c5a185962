import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { CarsError } from './errors.ts';

export interface ReadJsonOptions {
  /** The stage that writes the file: errors name it as the one to rerun. */
  stage?: string;
  /** A missing file reads as undefined instead of failing. */
  optional?: boolean;
}

/**
 * A JSON file parsed against its schema; a missing (unless optional), unreadable or invalid file is a
 * one-line CarsError, naming the stage to rerun when given.
 */
export async function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
  options: ReadJsonOptions & { optional: true },
): Promise<z.infer<T> | undefined>;
export async function readJsonFile<T extends z.ZodType>(path: string, schema: T, options?: ReadJsonOptions): Promise<z.infer<T>>;
export async function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
  options: ReadJsonOptions = {},
): Promise<z.infer<T> | undefined> {
  const { stage } = options;
  const fail = (problem: string, value: string, where?: string): never => {
    const subject = stage ? `${stage} manifest` : 'JSON file';
    throw new CarsError(`${subject} ${problem}${stage ? `, rerun the ${stage} stage` : ''}`, value, where);
  };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && options.optional) return undefined;
    return fail(missing ? 'missing' : 'unreadable', path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('is not JSON', path);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return fail('is invalid', `${issue?.message ?? 'invalid'}${at}`, path);
  }
  return parsed.data;
}
