import { describe, expect, it } from 'vitest';
import { toSlowest } from '../../src/lib/progress.ts';

describe('toSlowest', () => {
  it('names the three slowest metrics steps, slowest first', () => {
    const seconds = new Map([
      ['macros', 0.01],
      ['req_item', 301.24],
      ['req', 40.1],
      ['item_daily', 98],
      ['league', 2],
    ]);
    expect(toSlowest(seconds)).toBe('req_item 301.2s, item_daily 98.0s, req 40.1s');
  });
});
