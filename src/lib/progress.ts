import { stderr } from 'node:process';

export interface Progress {
  /** Advance to `done` of `total` (bar on a terminal, nothing otherwise). */
  tick(done: number): void;
  /** Close the step with a one-line summary. */
  end(summary?: string): void;
}

const isInteractive = (): boolean => Boolean(stderr.isTTY) && !process.env.CI;
const quiet = (): boolean => process.env.CARS_QUIET === '1';

/** Long work shows a bar on a terminal and one plain line per step elsewhere; CI stays quiet-ish. */
export function startProgress(label: string, total = 0): Progress {
  const started = performance.now();
  const tty = isInteractive();
  let lastDraw = 0;
  if (!tty && !quiet()) stderr.write(`${label}…\n`);
  return {
    tick(done) {
      if (!tty || total <= 0) return;
      const now = performance.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((Math.min(done, total) / total) * width);
      stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end(summary) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (quiet()) return;
      const line = `${label}: ${summary ?? 'done'} in ${seconds}s`;
      stderr.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}

/** Run `work` as one step with a start/end line. */
export async function step<T>(label: string, work: () => Promise<T>, summarize?: (result: T) => string): Promise<T> {
  const progress = startProgress(label);
  const result = await work();
  progress.end(summarize?.(result));
  return result;
}

/** The three slowest steps, e.g. `req_item 301.2s, item_daily 98.0s, req 40.1s`. */
export const toSlowest = (seconds: ReadonlyMap<string, number>): string =>
  [...seconds]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, s]) => `${name} ${s.toFixed(1)}s`)
    .join(', ');
