import { describe, expect, it } from 'vitest';
import { mapConcurrent, mapPooled } from '../../src/lib/concurrency.ts';

const later = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('mapConcurrent', () => {
  it('keeps item order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapConcurrent([30, 10, 20, 5, 15], 2, async (ms, i) => {
      most = Math.max(most, ++running);
      await later(ms);
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('throws the first failure only after the calls already running have ended, and starts no new one', async () => {
    const ended: number[] = [];
    const started: number[] = [];
    const run = mapConcurrent([0, 1, 2, 3], 2, async (item) => {
      started.push(item);
      if (item === 0) throw new Error('party 0 failed');
      await later(50);
      ended.push(item);
    });
    await expect(run).rejects.toThrow('party 0 failed');
    // item 1 was running when 0 failed: it finished before the rejection; 2 and 3 never started
    expect(ended).toEqual([1]);
    expect(started).toEqual([0, 1]);
  });
});

describe('mapPooled', () => {
  it('lends each running call a member of the pool no other running call holds, and gives it back after a failure', async () => {
    const held = new Set<string>();
    const used: string[] = [];
    const out = await mapPooled([30, 10, 20, 5, 15], ['a', 'b'], async (ms, lent) => {
      expect(held.has(lent)).toBe(false);
      held.add(lent);
      used.push(lent);
      await later(ms);
      held.delete(lent);
      return `${ms}${lent}`;
    });
    expect(out.map((r) => r.replace(/[ab]$/, ''))).toEqual(['30', '10', '20', '5', '15']);
    expect(new Set(used)).toEqual(new Set(['a', 'b']));
    const pool = ['only'];
    await expect(mapPooled([1], pool, async () => Promise.reject(new Error('tab crashed')))).rejects.toThrow('tab crashed');
    expect(await mapPooled([1, 2], pool, async (n, lent) => `${n}${lent}`)).toEqual(['1only', '2only']);
  });
});
