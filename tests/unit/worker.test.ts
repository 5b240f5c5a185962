import { describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import { runWorker } from '../../src/lib/worker.ts';
import type { EchoJob } from './echoWorker.ts';

const ECHO = new URL('./echoWorker.ts', import.meta.url);
const run = (job: EchoJob): Promise<unknown> => runWorker(ECHO, job);

describe('runWorker', () => {
  it('hands the job to a worker thread and returns its answer', async () => {
    expect(await run({ mode: 'answer', text: 'ü 1' })).toEqual({ echoed: 'ü 1', thread: 'worker' });
  });

  it('brings an expected failure back as a CarsError with its parts', async () => {
    const error = await run({ mode: 'cars', text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarsError);
    expect(error).toMatchObject({
      problem: 'echo refused',
      value: 'x',
      where: 'echoWorker.ts',
      message: 'echo refused: x (echoWorker.ts)',
    });
  });

  it('brings a bug back with the worker’s message and stack', async () => {
    const error = await run({ mode: 'bug', text: 'y' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CarsError);
    expect((error as Error).message).toBe('echo broke on y');
    expect((error as Error).stack).toContain('echoWorker.ts');
  });

  it('fails when the worker exits without answering', async () => {
    await expect(run({ mode: 'exit', text: '' })).rejects.toThrow(/exited with code 3 before answering/);
  });
});
