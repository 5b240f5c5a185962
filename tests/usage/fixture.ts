/** The synthetic access log `tests/fixtures/usage/access.log` and the registry slugs it was written for. */
import { join } from 'node:path';

export const ACCESS_LOG = join(import.meta.dirname, '..', 'fixtures', 'usage', 'access.log');
export const SLUG_A = 'aaaaaaaaaaaaaaaa';
export const SLUG_B = 'bbbbbbbbbbbbbbbb';
export const SLUG_C = 'cccccccccccccccc';
export const FIXTURE_PARTIES = new Map([
  [SLUG_A, 'ALPHA1'],
  [SLUG_B, 'BRAVO2'],
  [SLUG_C, 'CHARL3'],
]);
