import { describe, expect, it } from 'vitest';
import { buildMonthFindings, toIsolatedParty } from '../../src/pipeline/audit/checkMonths.ts';
import { buildPeerTrackingFindings, fitsShares, resolvePeers, toPoissonTail } from '../../src/pipeline/audit/checkPeers.ts';
import type { Row } from '../../src/pipeline/audit/input.ts';
import { buildTruthIndex } from '../../src/pipeline/audit/truth.ts';
import { PARTIES, POLICY, buildItemMonth, buildMonth, buildView, everyone } from './rows.ts';

const D1 = '2025-10-02';

describe('check d: a party that joins or leaves', () => {
  it('names the one changed party only when every other one is unchanged', () => {
    const m = (e: [string, number][]) => new Map(e);
    expect(
      toIsolatedParty(
        m([
          ['A', 1],
          ['B', 2],
          ['X', 3],
        ]),
        m([
          ['A', 1],
          ['B', 2],
        ]),
      ),
    ).toBe('X');
    expect(
      toIsolatedParty(
        m([['A', 1]]),
        m([
          ['A', 1],
          ['X', 3],
        ]),
      ),
    ).toBe('X');
    expect(
      toIsolatedParty(
        m([
          ['A', 2],
          ['X', 3],
        ]),
        m([['A', 1]]),
      ),
    ).toBeNull();
    expect(
      toIsolatedParty(
        m([
          ['A', 1],
          ['X', 3],
          ['Y', 1],
        ]),
        m([['A', 1]]),
      ),
    ).toBeNull();
    expect(toIsolatedParty(m([['A', 1]]), m([['A', 1]]))).toBeNull();
  });

  it('recovers the joining party from two published months', () => {
    const before = buildItemMonth({ [D1]: everyone(2, PARTIES.slice(0, 6)) });
    const now = buildItemMonth({ [D1]: { ...everyone(2, PARTIES.slice(0, 6)), P7: 5 } });
    const findings = (id: string) =>
      buildMonthFindings(
        now.parties.find((p) => p.partyId === id)!,
        before.parties.find((p) => p.partyId === id)!,
        buildTruthIndex(now),
        buildTruthIndex(before),
      );
    expect(findings('P1').map((f) => [f.check, f.dataset, f.cell, f.recovered])).toEqual([['d', 'item_monthly', 'IS|RR-4.1.1', 5]]);
    expect(findings('P1')[0]!.value).toBe('its volume 5 (P7)');
    expect(findings('P7')).toEqual([]);
    // a second change among the others hides the newcomer
    const moved = buildItemMonth({ [D1]: { ...everyone(2, PARTIES.slice(0, 6)), P2: 3, P7: 5 } });
    expect(buildMonthFindings(moved.parties[0]!, before.parties[0]!, buildTruthIndex(moved), buildTruthIndex(before))).toEqual([]);
  });
});

/** inventory_peers rows of one model for `reader`: each other party under `numbers[party]`, with its firmware shares. */
function buildPeerMonth(month: string, models: string[], numbering: (model: string, peers: string[]) => string[]) {
  // party i holds i+1 devices on firmware 1.0 and 1 on 2.0: every party's shares differ
  const devices = (i: number): [string, number][] => [
    ['1.0', i + 1],
    ['2.0', 1],
  ];
  return buildMonth(
    PARTIES.map((reader, r) => {
      const inventory: Row[] = [];
      const peers: Row[] = [];
      for (const model of models) {
        for (const [firmware, n] of devices(r))
          inventory.push({ role: 'IS', device_type: 'ESME', model, firmware, devices: n, industry_status: 'suppressed' });
        const others = PARTIES.filter((p) => p !== reader).slice(0, 5);
        numbering(model, others).forEach((party, k) => {
          const i = PARTIES.indexOf(party);
          for (const [firmware, n] of devices(i))
            peers.push({ role: 'IS', device_type: 'ESME', model, peer: k + 1, firmware, share: Math.round((1000 * n) / (i + 2)) / 1000 });
        });
      }
      return buildView(reader, { inventory, inventory_peers: peers });
    }),
    month,
  );
}

describe('check g: peer numbers followed across months', () => {
  const models = ['M-1', 'M-2', 'M-3', 'M-4'];
  const same = (_: string, peers: string[]) => peers;
  const rotated = (model: string, peers: string[]) => peers.map((_, k) => peers[(k + models.indexOf(model) + 1) % peers.length]!);
  const track = (now: ReturnType<typeof buildPeerMonth>, before: ReturnType<typeof buildPeerMonth>) =>
    buildPeerTrackingFindings(now.parties[0]!, before.parties[0]!, buildTruthIndex(now), buildTruthIndex(before), POLICY);

  it('matches a rounded share vector to the one party it came from', () => {
    const party = new Map([
      ['1.0', 2 / 3],
      ['2.0', 1 / 3],
    ]);
    expect(
      fitsShares(
        new Map([
          ['1.0', 0.667],
          ['2.0', 0.333],
        ]),
        party,
        0.001,
      ),
    ).toBe(true);
    expect(fitsShares(new Map([['other firmware', 1]]), party, 0.001)).toBe(true);
    expect(
      fitsShares(
        new Map([
          ['1.0', 0.75],
          ['2.0', 0.25],
        ]),
        party,
        0.001,
      ),
    ).toBe(false);
    expect(fitsShares(new Map([['1.0', 0.667]]), party, 0.001)).toBe(false);
  });

  it('resolves peers only when each fits exactly one party', () => {
    const a = new Map([
      ['1.0', 0.5],
      ['2.0', 0.5],
    ]);
    const b = new Map([
      ['1.0', 0.25],
      ['2.0', 0.75],
    ]);
    const peers = new Map([
      [1, a],
      [2, b],
    ]);
    expect(
      resolvePeers(
        peers,
        new Map([
          ['A', a],
          ['B', b],
        ]),
        0.001,
      ),
    ).toEqual(
      new Map([
        [1, 'A'],
        [2, 'B'],
      ]),
    );
    expect(
      resolvePeers(
        peers,
        new Map([
          ['A', a],
          ['B', b],
          ['C', a],
        ]),
        0.001,
      ),
    ).toBeNull();
  });

  it('flags models whose peers keep their numbers, beyond what chance explains', () => {
    const found = track(buildPeerMonth('2025-10', models, same), buildPeerMonth('2025-09', models, same));
    expect(found.map((f) => [f.check, f.cell, f.value])).toEqual(models.map((m) => ['g', `IS|ESME|${m}`, '5 peers keep their numbers']));
  });

  it('is silent when numbers change, and when one stable model is within chance', () => {
    expect(track(buildPeerMonth('2025-10', models, rotated), buildPeerMonth('2025-09', models, same))).toEqual([]);
    const oneStable = (model: string, peers: string[]) => (model === 'M-1' ? peers : rotated(model, peers));
    expect(track(buildPeerMonth('2025-10', models, oneStable), buildPeerMonth('2025-09', models, same))).toEqual([]);
    expect(toPoissonTail(1, 4 / 120)).toBeGreaterThan(1e-6);
    expect(toPoissonTail(4, 4 / 120)).toBeLessThan(1e-6);
  });
});
