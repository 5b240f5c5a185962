import { Worker, parentPort, workerData } from 'node:worker_threads';
import { CarsError, isCarsError } from './errors.ts';

/** An error as it crosses from a worker thread: a CarsError keeps its parts, anything else its stack. */
interface SentError {
  message: string;
  stack?: string;
  cars?: { problem: string; value: string; where: string | undefined };
}

type Reply<R> = { ok: true; value: R } | { ok: false; error: SentError };

const toSentError = (error: unknown): SentError => {
  if (isCarsError(error)) return { message: error.message, cars: { problem: error.problem, value: error.value, where: error.where } };
  if (error instanceof Error) return { message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { message: String(error) };
};

const fromSentError = (sent: SentError): Error => {
  if (sent.cars) return new CarsError(sent.cars.problem, sent.cars.value, sent.cars.where);
  const error = new Error(sent.message);
  if (sent.stack) error.stack = sent.stack;
  return error;
};

/** In a worker module: answer its one job with `fn`'s result, or the error it threw. */
export function serveWorker<T, R>(fn: (job: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker: not in a worker thread');
  fn(workerData as T).then(
    (value) => port.postMessage({ ok: true, value } satisfies Reply<R>),
    (error: unknown) => port.postMessage({ ok: false, error: toSentError(error) } satisfies Reply<R>),
  );
}

/** Run the worker module at `url` on `job` (structured-cloned both ways) and settle with its answer. */
export function runWorker<T, R>(url: URL, job: T): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: job });
    let settled = false;
    worker.once('message', (reply: Reply<R>) => {
      settled = true;
      // its job is done; it ends once its handles close, without holding the process open meanwhile
      worker.unref();
      if (reply.ok) resolve(reply.value);
      else reject(fromSentError(reply.error));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`worker ${url.pathname} exited with code ${code} before answering`));
    });
  });
}
