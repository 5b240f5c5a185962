import { availableParallelism } from 'node:os';

/**
 * How many parties a stage works on at once: $CARS_PARTY_CONCURRENCY, else the cores plus `overCores` (pack-csv and
 * seal wait on IO and the thread pool, so one more than the cores; a print tab keeps the cores busy by itself).
 */
export const toPartyConcurrency = (env: NodeJS.ProcessEnv = process.env, overCores = 1): number => {
  const fromEnv = Number(env.CARS_PARTY_CONCURRENCY);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism() + overCores;
};

/**
 * `fn` over `items` with at most `limit` calls running at once; results in item order. After a failure no new call
 * starts, and the first failure is thrown only once the calls already running have ended: the caller's clean-up
 * (a temporary folder removed) must not race a call still writing into it.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw firstError;
  return results;
}

/**
 * `fn` over `items`, each call lent one of `pool` (database connections, browser tabs) that no other call holds
 * meanwhile; as many calls at once as the pool has members, results in item order.
 */
export async function mapPooled<T, P, R>(items: readonly T[], pool: readonly P[], fn: (item: T, lent: P) => Promise<R>): Promise<R[]> {
  const free = [...pool];
  return mapConcurrent(items, free.length, async (item) => {
    const lent = free.pop() as P;
    try {
      return await fn(item, lent);
    } finally {
      free.push(lent);
    }
  });
}
