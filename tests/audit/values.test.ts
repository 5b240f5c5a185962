import { describe, expect, it } from 'vitest';
import { buildPeerVolumeFindings } from '../../src/pipeline/audit/checkPeers.ts';
import { buildPrimaryFindings } from '../../src/pipeline/audit/checkPrimary.ts';
import { buildSubtractionFindings } from '../../src/pipeline/audit/checkSubtraction.ts';
import { buildLabelFindings, buildValueFindings, isRounded } from '../../src/pipeline/audit/checkValues.ts';
import type { Row } from '../../src/pipeline/audit/input.ts';
import { buildTruthIndex } from '../../src/pipeline/audit/truth.ts';
import { PARTIES, POLICY, buildMonth, buildView, monthlyRow } from './rows.ts';

/** Devices per party on firmware 1.0 and 2.0 of one model; 2.0 cells are held by `onTwo` only. */
function buildInventoryMonth(onTwo: Record<string, number>, showTwo: boolean) {
  const one = 3;
  const total = one * PARTIES.length + Object.values(onTwo).reduce((s, v) => s + v, 0);
  const row = (firmware: string, devices: number, industry: number | null): Row => ({
    role: 'IS',
    device_type: 'ESME',
    model: 'M-100',
    firmware,
    devices,
    industry_status: industry === null ? 'suppressed' : 'published',
    industry_devices: industry,
    industry_share_of_type: industry === null ? null : industry / total,
  });
  const twoTotal = Object.values(onTwo).reduce((s, v) => s + v, 0);
  return buildMonth(
    PARTIES.map((p) => {
      const rows = [row('1.0', one, one * PARTIES.length)];
      if ((onTwo[p] ?? 0) > 0 || showTwo) rows.push(row('2.0', onTwo[p] ?? 0, showTwo ? twoTotal : null));
      return buildView(p, { inventory: rows });
    }),
  );
}

describe('check b on the inventory: the type total derived from a published share', () => {
  it('recovers a hidden firmware cell from the type total', () => {
    const month = buildInventoryMonth({ P1: 2, P2: 1 }, false);
    const found = buildSubtractionFindings(month.parties[2]!, buildTruthIndex(month), POLICY);
    expect(found.map((f) => [f.dataset, f.cell, f.recovered])).toEqual([['inventory', 'IS|ESME|M-100|2.0', 3]]);
    expect(buildPrimaryFindings(month.parties[2]!, buildTruthIndex(month), POLICY).findings).toEqual([]);
  });
  it('flags a derived type total that differs from the contributors’ devices', () => {
    const month = buildInventoryMonth({ P1: 2, P2: 1 }, true);
    const p3 = month.parties[2]!;
    const rows = p3.datasets.inventory!.rows.map((r) => ({ ...r, industry_share_of_type: (r.industry_devices as number) / 30 }));
    const changed = buildMonth(month.parties.map((p) => (p === p3 ? buildView('P3', { inventory: rows }) : p)));
    const values = buildPrimaryFindings(changed.parties[2]!, buildTruthIndex(changed), POLICY).findings.map((f) => f.value);
    expect(values).toContain('30 ≠ 24');
  });
});

describe('check c: labels', () => {
  const month = buildMonth([
    buildView('P1', {
      item_failures: [{ role: 'IS', item_id: 'RR-4.1.1', model: 'P2 Energy' }],
      ed_n16_n42: [{ supplier_id: 'P2', supplier_name: 'P2 Energy', n16: 1 }],
      incidents: [{ incident_id: 'P1', summary: 'P1 Energy' }],
    }),
    buildView('P2', { item_peers: [{ role: 'IS', item_id: 'RR-4.1.1', rank: 1, success_rate_pct: 50, is_you: true, peer_id: 'x' }] }),
  ]);
  it('flags another party’s name or id in a text value, except the suppliers named to an ED', () => {
    const found = buildLabelFindings(month.parties[0]!, month);
    expect(found.map((f) => [f.dataset, f.cell, f.value])).toEqual([['item_failures', 'model', 'P2 Energy (P2)']]);
  });
  it('flags a peer row with a column beyond rank, value and is_you', () => {
    expect(buildLabelFindings(month.parties[1]!, month).map((f) => [f.dataset, f.cell])).toEqual([['item_peers', 'peer_id']]);
  });
});

describe('checks e and f: rounding and order statistics', () => {
  it('tells rounded values from exact fractions', () => {
    expect(isRounded(0.123, 0.001)).toBe(true);
    expect(isRounded(386 / 1225, 0.001)).toBe(false);
    expect(isRounded(87.3, 0.1)).toBe(true);
    expect(isRounded(87.35, 0.1)).toBe(false);
  });
  it('flags unrounded peer shares and rates, and any published industry minimum or maximum', () => {
    const view = buildView('P1', {
      inventory_peers: [
        { role: 'IS', device_type: 'ESME', model: 'M', peer: 1, firmware: '1.0', share: 0.5 },
        { role: 'IS', device_type: 'ESME', model: 'M', peer: 2, firmware: '1.0', share: 386 / 1225 },
      ],
      league: [{ role: 'IS', business_process: 'Read', status: 'published', rank: 1, success_rate_pct: 87.3, is_you: true }],
      item_peers: [{ role: 'IS', item_id: 'X', rank: 1, success_rate_pct: 87.35, rtt_mean: 1.234, is_you: false }],
      item_monthly: [
        { role: 'IS', item_id: 'X', industry_rtt_min: 0.5, industry_rtt_max: null },
        { role: 'IS', item_id: 'Y', industry_rtt_min: null, industry_rtt_max: null },
      ],
    });
    const found = buildValueFindings(view, POLICY).map((f) => [f.check, f.dataset, f.cell, f.value]);
    expect(found).toEqual([
      ['e', 'inventory_peers', 'share', `1 of 2 rows, e.g. ${386 / 1225}`],
      ['e', 'item_peers', 'success_rate_pct', '1 of 1 rows, e.g. 87.35'],
      ['f', 'item_monthly', 'industry_rtt_min', '1 of 2 rows, e.g. 0.5'],
    ]);
  });
});

describe('privacy audit of peer volumes', () => {
  // RR-4.1.1: P1 sends 10, P2–P7 send 1 to 6; P1 is shown `shown` peers and its own row
  function findings(shown: number, minPeerVolume: number): string[][] {
    const peers = Array.from({ length: shown }, (_, i): Row => ({
      role: 'IS',
      item_id: 'RR-4.1.1',
      rank: i + 1,
      success_rate_pct: 90,
      is_you: false,
    }));
    const own: Row = { role: 'IS', item_id: 'RR-4.1.1', rank: shown + 1, success_rate_pct: 80, is_you: true };
    const parties = PARTIES.map((p, i) =>
      buildView(p, { item_monthly: [monthlyRow(i === 0 ? 10 : i, 31)], ...(p === 'P1' ? { item_peers: [...peers, own] } : {}) }),
    );
    const month = buildMonth(parties);
    return buildPeerVolumeFindings(month.parties[0]!, buildTruthIndex(month), { ...POLICY, minPeerVolume }).map((f) => [
      f.check,
      f.dataset,
      f.cell,
      f.value,
    ]);
  }

  it('flags more peers than the other parties with at least minPeerVolume', () => {
    expect(findings(6, 1)).toEqual([]);
    expect(findings(3, 4)).toEqual([]);
    expect(findings(6, 4)).toEqual([['e', 'item_peers', 'IS|RR-4.1.1', '6 shown, 3 qualify']]);
  });
});
