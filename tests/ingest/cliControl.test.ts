import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataset, removeScratch, scratchDir } from './helpers.ts';

afterAll(removeScratch);

const MAIN = join(process.cwd(), 'src', 'cli', 'main.ts');
// Any character a terminal could act on: C0 controls but line feed, DEL, and C1 controls.
const RAW_CONTROL = /[^\P{Cc}\n]/u;

function runCars(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, CARS_QUIET: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the command line never writes control characters from input raw', () => {
  it('cars ingest prints rejected values with ESC, BEL and NUL escaped', async () => {
    const data = await makeDataset('control-characters');
    const run = runCars(['ingest', '--data', data, '--month', '2024-10', '--work', join(data, '..', 'work'), '--max-reject-rate', '1']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2024-10/parties.csv:5:party_name control character (such as NUL or ESC) [Evil\\x1b]0;owned\\x07 Co]');
    expect(run.stdout).toContain('2024-10/devices.csv:3:model control character (such as NUL or ESC) [C\\x001]');
    expect(run.stdout).toContain('2024-10/service_requests.csv:6:request_id control character (such as NUL or ESC) [R1005\\x9b]');
    // a line break inside a value stays on the reject's line
    expect(run.stdout).toContain(
      '2024-10/incidents.csv:5:summary control character (such as NUL or ESC) [red \\x1b[31malert\\x0astill red]',
    );
    expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
  });

  it('an error message quoting input (a column name holding ESC) is printed escaped, on one line', async () => {
    const data = await makeDataset();
    const alerts = join(data, '2024-10', 'alerts.csv');
    const text = await readFile(alerts, 'utf8');
    await writeFile(alerts, text.replace('outcome\n', 'outcome,note\x1b[2J\n'));
    const run = runCars(['ingest', '--data', data, '--month', '2024-10', '--work', join(data, '..', 'work')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('error: unexpected column: note\\x1b[2J (2024-10/alerts.csv)\n');
  });

  it('cars recipients add refuses a name holding a control character with a one-line error', async () => {
    const secrets = join(await scratchDir(), 'secrets');
    const run = runCars(['recipients', 'add', '--party', 'SUPA', '--name', 'Alice\x1b[8m', '--secrets', secrets]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('error: control character not allowed: Alice\\x1b[8m (--name)\n');
    expect(existsSync(secrets)).toBe(false);
  });
});
