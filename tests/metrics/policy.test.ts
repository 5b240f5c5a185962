import { describe, expect, it } from 'vitest';
import { parsePolicy, readPolicy } from '../../src/pipeline/metrics/policy.ts';

describe('policy file', () => {
  it('holds the design brief §5 defaults', async () => {
    const policy = await readPolicy();
    expect(policy.disclosure).toEqual({
      minOtherParties: 4,
      dominanceTopContributors: 2,
      dominanceShare: 0.85,
      leagueRoundingPp: 0.1,
      // 100 / 0.1: from 1000 up, a rate rounded to 0.1 pp fits every volume
      minPeerVolume: 1000,
      secondarySuppression: true,
    });
    expect(policy.windows).toMatchObject({ installBeforeHours: 24, installAfterHours: 72, cosGainAfterDays: 7 });
  });

  it('rejects unknown or invalid parameters', async () => {
    const policy = await readPolicy();
    expect(() => parsePolicy({ ...policy, disclosure: { ...policy.disclosure, dominanceShare: 1.5 } }, 'test')).toThrow(/dominanceShare/);
    expect(() => parsePolicy({ ...policy, extra: 1 }, 'test')).toThrow(/invalid policy/);
    // the league step must divide 100 pp: rates are rounded to whole steps in integers
    expect(() => parsePolicy({ ...policy, disclosure: { ...policy.disclosure, leagueRoundingPp: 0.3 } }, 'test')).toThrow(
      /leagueRoundingPp/,
    );
    expect(
      parsePolicy({ ...policy, disclosure: { ...policy.disclosure, leagueRoundingPp: 0.25 } }, 'test').disclosure.leagueRoundingPp,
    ).toBe(0.25);
  });
});
