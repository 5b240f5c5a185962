import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CarsError } from '../../lib/errors.ts';
import { policySchema, type Policy } from '../../shared/policy.ts';

export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../../config/policy.json', import.meta.url));

export function parsePolicy(value: unknown, where: string): Policy {
  const result = policySchema.safeParse(value);
  if (!result.success)
    throw new CarsError('invalid policy file', result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), where);
  return result.data;
}

export async function readPolicy(path = DEFAULT_POLICY_PATH): Promise<Policy> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CarsError('policy file is not JSON', (error as Error).message, path);
  }
  return parsePolicy(json, path);
}
