// A worker for worker.test.ts: answers with its job, or fails the way the job asks.
import { CarsError } from '../../src/lib/errors.ts';
import { serveWorker } from '../../src/lib/worker.ts';

export interface EchoJob {
  mode: 'answer' | 'cars' | 'bug' | 'exit';
  text: string;
}

serveWorker(async (job: EchoJob) => {
  if (job.mode === 'cars') throw new CarsError('echo refused', job.text, 'echoWorker.ts');
  if (job.mode === 'bug') throw new TypeError(`echo broke on ${job.text}`);
  if (job.mode === 'exit') process.exit(3);
  return { echoed: job.text, thread: 'worker' };
});
