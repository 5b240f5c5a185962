import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CarsError } from '../../lib/errors.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Astro 7 needs Node >= 22.12: use this process's Node when it qualifies, else the project's pinned Node. */
export function findNodeForAstro(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return process.execPath;
  const pinned = join(repoRoot, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(pinned)) return pinned;
  throw new CarsError('Node too old for the site build (needs >= 22.12)', process.versions.node, 'install the project dependencies');
}

export interface AstroBuildInput {
  month: string;
  outDir: string;
  slugsFile: string;
  /** Every published month once this one is in, for the landing page's list. */
  months: readonly string[];
  /** JSON file of the month's public insight notes (the insights stage's `public.json`), if any. */
  publicInsights?: string;
  factsFile: string;
}

/** Run `astro build` in a child process (isolated from this process's state), settings passed as CARS_SITE_* variables. */
export async function runAstroBuild(input: AstroBuildInput): Promise<void> {
  const astro = join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  // Variables a test runner sets (BASE_URL, MODE, …) would override Astro's own; the child gets none of them.
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...inherited } = process.env;
  const env = {
    ...inherited,
    CARS_SITE_MONTH: input.month,
    CARS_SITE_OUT: input.outDir,
    CARS_SITE_SLUGS: input.slugsFile,
    CARS_SITE_MONTHS: JSON.stringify(input.months),
    CARS_SITE_INSIGHTS: input.publicInsights ?? '',
    CARS_SITE_FACTS: input.factsFile,
    ASTRO_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
  };
  const output: string[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(findNodeForAstro(), [astro, 'build', '--root', repoRoot, '--silent'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0)
    throw new CarsError('site build failed', `astro exited ${code}`, output.join('').trim().split('\n').slice(-20).join('\n'));
}
