import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { slugHashesSchema, toMonthUrl, toSlugHash } from '../../src/site/months.ts';

describe('month switcher helpers', () => {
  it('hashes a slug as SHA-256 hex, the same as the build does', async () => {
    for (const slug of ['nwenergyfixture2', 'abcdefghijklmnop']) {
      expect(await toSlugHash(slug)).toBe(createHash('sha256').update(slug).digest('hex'));
    }
  });
  it('accepts only 64-hex hashes in a month list', () => {
    expect(slugHashesSchema.safeParse({ slugHashes: ['a'.repeat(64)] }).success).toBe(true);
    expect(slugHashesSchema.safeParse({ slugHashes: ['nwenergyfixture2'] }).success).toBe(false);
  });
  it('builds the address of the same party in another month', () => {
    expect(toMonthUrl('/2025-03/', '2025-02', 'nwenergyfixture2')).toBe('/2025-03/../2025-02/u/nwenergyfixture2/');
  });
});
