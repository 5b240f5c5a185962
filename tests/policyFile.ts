import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DisclosurePolicy } from '../src/shared/policy.ts';

/** config/policy.json with some disclosure parameters changed, written to `<dir>/policy.json`; its path. */
export async function writePolicy(dir: string, disclosure: Partial<DisclosurePolicy>): Promise<string> {
  const policy = JSON.parse(await readFile(new URL('../config/policy.json', import.meta.url), 'utf8')) as {
    disclosure: Record<string, unknown>;
  };
  Object.assign(policy.disclosure, disclosure);
  const path = join(dir, 'policy.json');
  await writeFile(path, JSON.stringify(policy));
  return path;
}
