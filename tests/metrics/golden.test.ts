import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetRow } from '../../src/pipeline/partition/read.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { GOLDEN_DATA, GOLDEN_MONTH, buildMonth, copyMonthOnly, readDataset } from './golden.ts';

// Expected values are worked out by hand from tests/fixtures/golden (see its README.md).
let ws: Workspace;
beforeAll(async () => {
  ws = await buildMonth(GOLDEN_DATA, GOLDEN_MONTH);
});

const one = (rows: DatasetRow[], match: Record<string, unknown>): DatasetRow => {
  const found = rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  expect(found, JSON.stringify(match)).toHaveLength(1);
  return found[0]!;
};
const INDUSTRY = [
  'industry_requests',
  'industry_successes',
  'industry_failures',
  'industry_no_response',
  'industry_success_rate',
  'industry_rtt_n',
  'industry_rtt_mean',
  'industry_rtt_median',
];

describe('item_monthly', () => {
  it('computes own success rate and exact RTT statistics (no response = failure)', async () => {
    const row = one(await readDataset(ws, 'SUPA', 'item_monthly'), { role: 'IS', item_id: 'RR-4.1.1' });
    // R11 2 s ok, R12 4 s ok, R13 10 s failure, R14 no response
    expect(row).toMatchObject({
      status: 'active',
      requests: 4,
      successes: 2,
      failures: 2,
      no_response: 1,
      success_rate: 0.5,
      rtt_n: 3,
      rtt_min: 2,
      rtt_max: 10,
      rtt_median: 4,
    });
    expect(row.rtt_mean).toBeCloseTo(16 / 3, 12);
  });

  it('pools the industry over every party in the role, the recipient included', async () => {
    const row = one(await readDataset(ws, 'SUPA', 'item_monthly'), { role: 'IS', item_id: 'RR-4.1.1' });
    // own 4 + B 6 s ok + C 8 s ok + D 1 s failure + E 3 s ok; RTTs 1,2,3,4,6,8,10
    expect(row).toMatchObject({
      industry_status: 'published',
      industry_requests: 8,
      industry_successes: 5,
      industry_failures: 3,
      industry_no_response: 1,
      industry_success_rate: 0.625,
      industry_rtt_n: 7,
      industry_rtt_median: 4,
    });
    expect(row.industry_rtt_mean).toBeCloseTo(34 / 7, 12);
    // a minimum or maximum over the industry is one party's exact value: never published
    expect(Object.keys(row).filter((k) => /^industry_.*_(min|max)$/.test(k))).toEqual([]);
  });

  it('publishes with 4 other parties and suppresses with 3, leaving no value behind', async () => {
    const rows = await readDataset(ws, 'SUPA', 'item_monthly');
    const suppressed = one(rows, { role: 'IS', item_id: 'RR-4.1.2' }); // only B, C, D besides SUPA
    expect(suppressed).toMatchObject({ status: 'active', requests: 1, industry_status: 'suppressed' });
    for (const column of INDUSTRY) expect(suppressed[column], column).toBeNull();
    // SUPE sent no 4.1.2 but sees 4 others (A, B, C, D): 5 requests, 4 successes
    const echo = one(await readDataset(ws, 'SUPE', 'item_monthly'), { role: 'IS', item_id: 'RR-4.1.2' });
    expect(echo).toMatchObject({
      status: 'no_activity',
      requests: 0,
      success_rate: null,
      industry_status: 'published',
      industry_requests: 5,
      industry_successes: 4,
    });
  });

  it('applies the dominance rule from the recipient’s point of view', async () => {
    // MR-4.6.1 volumes: A 1, B 6, C 6, D 1, E 1
    const alpha = one(await readDataset(ws, 'SUPA', 'item_monthly'), { role: 'IS', item_id: 'MR-4.6.1' });
    expect(alpha.industry_status).toBe('suppressed'); // others 14, B+C = 12 = 85.7 % > 85 %
    expect(alpha.industry_requests).toBeNull();
    const bravo = one(await readDataset(ws, 'SUPB', 'item_monthly'), { role: 'IS', item_id: 'MR-4.6.1' });
    expect(bravo).toMatchObject({ industry_status: 'published', industry_requests: 15 }); // others 9, C+A = 7 = 77.8 %
  });

  it('assigns install, CoS gain and BAU context by the configured windows', async () => {
    const rows = await readDataset(ws, 'SUPA', 'item_monthly');
    const requests = (item: string): unknown => one(rows, { role: 'IS', item_id: item }).requests;
    expect(requests('IC-8.14.1')).toBe(1); // R01, inside its own visit
    expect(requests('IC-8.11')).toBe(1); // R02 23 h before the 8.14.1; R04 73 h after is outside
    expect(requests('IC-6.21')).toBe(1); // R03 71 h after
    expect(requests('SKM-6.21')).toBe(1); // R05 25 h before: not install
    expect(requests('COS-6.23')).toBe(2); // R06, R09
    expect(requests('COS-1.1.1')).toBe(1); // R07 5 days after the gain at P2
    expect(requests('TAR-1.1.1')).toBe(1); // R08 8 days after: bau
    expect(one(rows, { role: 'IS', item_id: 'IC-1.1.1' }).status).toBe('no_activity');
  });
});

describe('item_daily', () => {
  it('buckets days in Europe/London across midnight and the October clock change', async () => {
    const rows = (await readDataset(ws, 'SUPA', 'item_daily')).filter((r) => r.item_id === 'RR-4.1.1' && r.requests !== 0);
    const byDay = Object.fromEntries(rows.map((r) => [r.day, r.requests]));
    // 22:30Z on 10 Oct is 23:30 BST; 23:30Z is 00:30 BST on the 11th; 23:30Z on 25 Oct is 00:30 BST on the 26th;
    // 23:30Z on 26 Oct is 23:30 GMT on the 26th
    expect(byDay).toEqual({ '2025-10-10': 1, '2025-10-11': 1, '2025-10-26': 2 });
  });

  it('ships the own RTT histogram of each cell, and no industry histogram', async () => {
    const rows = (await readDataset(ws, 'SUPA', 'item_daily')).filter((r) => r.item_id === 'RR-4.1.1' && r.requests !== 0);
    for (const r of rows) expect((r.rtt_hist as number[]).reduce((a, b) => a + b, 0)).toBe(r.rtt_n);
    expect(Object.keys(rows[0]!)).not.toContain('industry_rtt_hist');
  });
});

describe('peers and league', () => {
  it('ranks anonymous peers by value and marks only the recipient', async () => {
    const rows = (await readDataset(ws, 'SUPA', 'item_peers')).filter((r) => r.item_id === 'RR-4.1.1');
    expect(rows.map((r) => [r.rank, r.success_rate_pct, r.is_you])).toEqual([
      [1, 100, false],
      [1, 100, false],
      [1, 100, false],
      [4, 50, true],
      [5, 0, false],
    ]);
    expect(Object.keys(rows[0]!)).not.toContain('peer_id');
  });

  it('builds the volume-weighted league per business process, rounded to 0.1 pp', async () => {
    const rows = (await readDataset(ws, 'SUPA', 'league')).filter((r) => r.role === 'IS' && r.business_process === 'Read Registers');
    // A 3/5, B 2/2, C 2/3, D 1/2, E 1/1 over RR-4.1.1 + RR-4.1.2
    expect(rows.map((r) => [r.status, r.rank, r.success_rate_pct, r.is_you])).toEqual([
      ['published', 1, 100, false],
      ['published', 1, 100, false],
      ['published', 3, 66.7, false],
      ['published', 4, 60, true],
      ['published', 5, 50, false],
    ]);
    const reads = (await readDataset(ws, 'SUPA', 'league')).filter((r) => r.role === 'IS' && r.business_process === 'Meter Reads');
    expect(reads).toEqual([
      { role: 'IS', business_process: 'Meter Reads', status: 'suppressed', rank: null, success_rate_pct: null, is_you: null },
    ]);
  });
});

describe('peers below minPeerVolume', () => {
  const readRegisters = async (ws: Workspace): Promise<unknown[][]> =>
    (await readDataset(ws, 'SUPA', 'league'))
      .filter((r) => r.role === 'IS' && r.business_process === 'Read Registers')
      .map((r) => [r.status, r.rank, r.success_rate_pct, r.is_you]);

  it('lists the recipient and the peers with at least that volume; ranks count the rows listed', async () => {
    const floor = await buildMonth(GOLDEN_DATA, GOLDEN_MONTH, { minPeerVolume: 2, minOtherParties: 3 });
    // Read Registers, as above: A 3/5 (SUPA), B 2/2, C 2/3, D 1/2; E's 1/1 is one request and goes
    expect(await readRegisters(floor)).toEqual([
      ['published', 1, 100, false],
      ['published', 2, 66.7, false],
      ['published', 3, 60, true],
      ['published', 4, 50, false],
    ]);
    // M-100: SUPB's 2 devices would stay, SUPC–SUPE's 1 each go; one peer is fewer than 3: the model is left out
    expect(await readDataset(floor, 'SUPA', 'inventory_peers')).toEqual([]);
  });

  it('publishes no list when fewer peers than minOtherParties are left, and no others’ rate from fewer requests', async () => {
    // no other party reaches 5 requests in Read Registers (B 2, C 3, D 2, E 1)
    const floor = await buildMonth(GOLDEN_DATA, GOLDEN_MONTH, { minPeerVolume: 5 });
    expect(await readRegisters(floor)).toEqual([['suppressed', null, null, null]]);
    // RDI-8.2 model slices (see root_causes below): M-100's others sent 12 requests, M-200's 4
    const model = (await readDataset(floor, 'SUPA', 'root_causes')).filter((r) => r.item_id === 'RDI-8.2' && r.dimension === 'model');
    expect(model.filter((r) => r.industry_status === 'published').map((r) => [r.slice, r.industry_failure_rate])).toEqual([
      ['M-100', 0.167],
    ]);
    expect(one(model, { slice: 'M-200' })).toMatchObject({ industry_status: 'suppressed', industry_failure_rate: null, excess_rank: null });
  });
});

describe('root_causes', () => {
  // RDI-8.2 (Read Inventory), all on 16 Oct, R38–R66. Devices: 01-02 M-100 North Credit, 06-02 M-200 North Credit,
  // 06-03 G-1 North Credit, 08-01 H-1 South (no meter type), 08-02 M-100 South Prepayment; all SMETS2.
  //   SUPA: 01-02 ×4 (R40 E3, R41 no response), 06-02 ×1 (E3), 08-01 ×2 (R44 E3), 06-03 ×1   = 8 requests, 4 failures
  //   SUPB: 01-02 ×2, 06-02, 08-01, 08-02, 06-03                                            = 6, none failed
  //   SUPC: 01-02 ×2 (R51 E3), 06-02, 08-02, 06-03                                          = 5, 1 failed
  //   SUPD: 01-02 ×2, 06-02 (R56 E3), 08-02, 06-03                                          = 5, 1 failed
  //   SUPE: 01-02 ×2, 06-02, 08-02 (R61 E3), 06-03                                          = 5, 1 failed
  // The item is published to SUPA: 4 others, 21 requests, the two largest 6 + 5 = 11 <= 0.85 x 21.
  const rows = async (): Promise<DatasetRow[]> =>
    (await readDataset(ws, 'SUPA', 'root_causes')).filter((r) => r.role === 'IS' && r.item_id === 'RDI-8.2');
  const figures = (r: DatasetRow): unknown[] => [r.slice, r.requests, r.failures, r.industry_status, r.excess_rank];

  it('ranks model slices by excess failures over the others’ rate', async () => {
    const model = (await rows()).filter((r) => r.dimension === 'model');
    // M-100: own 4 (2 failed); others B 3, C 3 (1 failed), D 3, E 3 (1 failed) = 12 with 2 failed: 1/6, published
    //   rounded to 0.1 pp as 0.167, expected 4 × 0.167 = 0.668, excess 2 − 0.668 = 1.332. M-200: own 1 (failed);
    //   others 4 with 1 failed (D): 1/4, excess 0.75.
    // H-1: only SUPB besides SUPA: suppressed. G-1 passes (B–E 1 each) but H-1 alone would follow from the item
    //   total, and H-1 + one more must pass: G-1 and M-200 both have 4 others' requests, the lower key G-1 goes.
    //   H-1 + G-1: others B 2, C 1, D 1, E 1: 4 others, the two largest 3 <= 0.85 x 5.
    expect(model.map(figures)).toEqual([
      ['G-1', 1, 0, 'suppressed', null],
      ['H-1', 2, 1, 'suppressed', null],
      ['M-100', 4, 2, 'published', 1],
      ['M-200', 1, 1, 'published', 2],
    ]);
    const m100 = one(model, { slice: 'M-100' });
    expect(m100.failure_rate).toBe(0.5);
    expect(m100.industry_failure_rate).toBe(0.167);
    expect(m100.expected_failures).toBeCloseTo(0.668, 12);
    expect(m100.excess_failures).toBeCloseTo(1.332, 12);
    expect(one(model, { slice: 'M-200' })).toMatchObject({ industry_failure_rate: 0.25, expected_failures: 0.25, excess_failures: 0.75 });
    for (const r of model.filter((x) => x.industry_status === 'suppressed'))
      expect([r.industry_failure_rate, r.expected_failures, r.excess_failures]).toEqual([null, null, null]);
  });

  it('names firmware by model, and the slices of a missing value', async () => {
    const all = await rows();
    expect(all.filter((r) => r.dimension === 'firmware').map(figures)).toEqual([
      ['G-1 / 1.0', 1, 0, 'suppressed', null],
      ['H-1 / 1.0', 2, 1, 'suppressed', null],
      ['M-100 / 1.0', 4, 2, 'published', 1],
      ['M-200 / 2.1', 1, 1, 'published', 2],
    ]);
    expect(one(all, { dimension: 'meter_type', slice: 'Meter type not recorded' })).toMatchObject({ requests: 2, failures: 1 });
    expect(all.map((r) => r.slice)).not.toContain(null);
    expect(all.every((r) => r.business_process === 'Read Device Information' && r.srv === '8.2')).toBe(true);
  });

  it('publishes a meter type, region or SMETS slice only when item_daily already gives it', async () => {
    const all = await rows();
    // SUPA's item_daily cells of 16 Oct: North/Credit (A 6, B–E 4 each: published), South/no meter type (A 2, B 1:
    // suppressed), South/Prepayment (B–E 1 each: passes, hidden with it as the smaller complement).
    // North and Credit hold neither hidden cell; South and SMETS2 hold both (item total minus the published cell);
    // 'Meter type not recorded' holds one of the two: suppressed, and Prepayment is not SUPA's.
    const shown = all
      .filter((r) => ['region', 'meter_type', 'smets'].includes(r.dimension as string))
      .map((r) => [r.dimension, ...figures(r)]);
    expect(shown).toEqual([
      ['meter_type', 'Credit', 6, 3, 'published', 1],
      ['meter_type', 'Meter type not recorded', 2, 1, 'suppressed', null],
      ['region', 'North', 6, 3, 'published', 1],
      ['region', 'South', 2, 1, 'published', 2],
      ['smets', 'SMETS2', 8, 4, 'published', 1],
    ]);
    // North: others B 4, C 4 (1 failed), D 4 (1 failed), E 4 = 16 with 2 failed: 1/8, expected 6/8, excess 2.25
    expect(one(all, { dimension: 'region', slice: 'North' })).toMatchObject({ industry_failure_rate: 0.125, excess_failures: 2.25 });
    // South: others B 2, C 1, D 1, E 1 (failed) = 5 with 1 failed: 0.2, expected 0.4, excess 0.6
    const south = one(all, { dimension: 'region', slice: 'South' });
    expect(south.industry_failure_rate).toBeCloseTo(0.2, 12);
    expect(south.excess_failures).toBeCloseTo(0.6, 12);
    // SMETS2: others 6 + 5 + 5 + 5 = 21 with 3 failed: 1/7, published as 0.143, expected 8 × 0.143 = 1.144, excess 2.856
    const smets2 = one(all, { dimension: 'smets', slice: 'SMETS2' });
    expect(smets2.industry_failure_rate).toBe(0.143);
    expect(smets2.excess_failures).toBeCloseTo(2.856, 12);
  });

  it('gives item_failures the response code’s name', async () => {
    const failures = (await readDataset(ws, 'SUPA', 'item_failures')).filter((r) => r.item_id === 'RDI-8.2');
    // R40, R42, R44 E3 (one each on M-100, M-200, H-1); R41 no response
    expect(failures.map((r) => [r.model, r.response_code, r.response_name]).sort()).toEqual([
      ['H-1', 'E3', 'Failed Authorisation - Invalid User Status'],
      ['M-100', null, 'No response'],
      ['M-100', 'E3', 'Failed Authorisation - Invalid User Status'],
      ['M-200', 'E3', 'Failed Authorisation - Invalid User Status'],
    ]);
  });

  it('sums item_failures per response code into item_codes, over every model and day', async () => {
    const codes = (await readDataset(ws, 'SUPA', 'item_codes')).filter((r) => r.item_id === 'RDI-8.2');
    // the four rows above: E3 three times (M-100, M-200, H-1), no response once (M-100)
    expect(codes.map((r) => [r.role, r.response_code, r.response_name, r.failures, r.no_response]).sort()).toEqual([
      ['IS', null, 'No response', 1, 1],
      ['IS', 'E3', 'Failed Authorisation - Invalid User Status', 3, 0],
    ]);
  });
});

describe('derived items', () => {
  it('counts the 30-day read cohort of 8.14.1', async () => {
    // H3 (10 Sep, read on 25 Sep) and H4 (15 Sep, read only 35 days later) end inside October; H2 and R01 do not
    const row = one(await readDataset(ws, 'SUPA', 'no_read_30d'), { role: 'IS' });
    expect(row).toMatchObject({ status: 'active', cohort: 2, not_read: 1, not_read_rate: 0.5, industry_status: 'suppressed' });
  });

  it('finds the prior read and the old supplier’s 8.14.x for each CoS gain', async () => {
    // P2: read 25 days before, SUPB sent 8.14.1 in August; P3: read 40 days before, SUPC never sent 8.14.x
    const row = one(await readDataset(ws, 'SUPA', 'cos_gain'), { role: 'IS' });
    expect(row).toMatchObject({ status: 'active', gains: 2, prior_read: 1, old_sent_814: 1, old_unknown: 0 });
  });

  it('predicts installs from the same weekday of the previous 8 weeks', async () => {
    const rows = (await readDataset(ws, 'SUPA', 'installs_daily')).filter((r) => r.role === 'IS');
    expect(rows).toHaveLength(31);
    // Wed 1 Oct: Wednesdays back to 6 Aug hold installs on 20 Aug and 10 Sep → mean 2/8
    expect(one(rows, { day: '2025-10-01' })).toMatchObject({
      history_weeks: 8,
      prediction_status: 'predicted',
      predicted: 0.25,
      installs: 0,
    });
    // Mon 6 Oct: only 15 Sep among the Mondays → 1/8
    expect(one(rows, { day: '2025-10-06' }).predicted).toBe(0.125);
    expect(one(rows, { day: '2025-10-05' })).toMatchObject({ n_8141: 1, n_8142: 0, installs: 1, status: 'active' });
  });

  it('says insufficient history below 3 weeks', async () => {
    const monthOnly = await buildMonth(await copyMonthOnly(GOLDEN_DATA, GOLDEN_MONTH), GOLDEN_MONTH);
    const rows = (await readDataset(monthOnly, 'SUPA', 'installs_daily')).filter((r) => r.role === 'IS');
    expect(one(rows, { day: '2025-10-21' })).toMatchObject({
      history_weeks: 2,
      prediction_status: 'insufficient_history',
      predicted: null,
    });
    expect(one(rows, { day: '2025-10-22' })).toMatchObject({ history_weeks: 3, prediction_status: 'predicted', predicted: 0 });
    expect(one(await readDataset(monthOnly, 'SUPA', 'no_read_30d'), { role: 'IS' }).status).toBe('no_activity');
  });
});

describe('ED extras, alerts, inventory, incidents', () => {
  it('checks N42 within 7 days of N16 by import supplier', async () => {
    const rows = await readDataset(ws, 'DNO1', 'ed_n16_n42');
    // P7 (SUPA): N42 3 days later; P8 (SUPB): N42 10 days later
    expect(rows).toEqual([
      { supplier_id: 'SUPA', supplier_name: 'Alpha Energy', n16: 1, n42_within_window: 1 },
      { supplier_id: 'SUPB', supplier_name: 'Bravo Power', n16: 1, n42_within_window: 0 },
    ]);
  });

  it('finds outages with and without a later restoration alert', async () => {
    // P7: 0x8F35 an hour after the AD1; P8: only a 0x8F36 the day before
    expect(await readDataset(ws, 'DNO1', 'ed_outages')).toEqual([
      { region: 'North', outages: 1, restored: 1, not_restored: 0 },
      { region: 'South', outages: 1, restored: 0, not_restored: 1 },
    ]);
    const counts = await readDataset(ws, 'DNO1', 'ed_alert_counts');
    expect(counts.map((r) => [r.alert_code, r.meter_type, r.model, r.firmware, r.alerts])).toEqual([
      ['N13', 'Credit', 'M-100', '1.0', 1],
      ['N55', 'Prepayment', 'M-100', '1.0', 1],
    ]);
  });

  it('summarises alert delivery per code', async () => {
    const rows = await readDataset(ws, 'DNO1', 'alerts_monthly');
    expect(one(rows, { alert_code: 'N16' })).toMatchObject({
      delivered: 2,
      failed: 0,
      delivery_n: 2,
      delivery_min: 2,
      delivery_max: 4,
      delivery_mean: 3,
      delivery_median: 3,
      industry_status: 'suppressed',
    });
    expect(one(rows, { alert_code: 'AD1' })).toMatchObject({ delivered: 1, failed: 1, delivery_n: 1 });
  });

  it('counts the month-end estate by role and publishes industry shares only when safe', async () => {
    const rows = await readDataset(ws, 'SUPA', 'inventory');
    // IS ESMEs at P1–P5 and P7 are M-100 (P2 and P3 gained in October); P6 is M-200; the industry adds P8, PB–PE
    expect(one(rows, { role: 'IS', device_type: 'ESME', model: 'M-100' })).toMatchObject({
      devices: 6,
      industry_status: 'published',
      industry_devices: 11,
    });
    expect(one(rows, { role: 'IS', device_type: 'ESME', model: 'M-200' })).toMatchObject({
      devices: 1,
      industry_status: 'suppressed',
      industry_devices: null,
    });
  });

  it('gives the firmware mix of other Users per model as numbered peers, only for models that pass disclosure', async () => {
    const rows = await readDataset(ws, 'SUPA', 'inventory_peers');
    // M-100 from SUPA's view: SUPB 2 (P8, PB), SUPC, SUPD, SUPE 1 each = 4 others, top two 3 <= 0.85 x 5; all on firmware 1.0.
    // H-1 (only SUPB's P8 besides SUPA) and M-200 (SUPA alone) are suppressed.
    expect(rows.map((r) => [r.role, r.device_type, r.model, r.firmware, r.share])).toEqual(
      Array(4).fill(['IS', 'ESME', 'M-100', '1.0', 1]),
    );
    expect(rows.map((r) => r.peer).sort()).toEqual([1, 2, 3, 4]);
    // SUPB passes M-100 too, but its M-100 / 1.0 cell is hidden from it (secondary suppression under the ESME total):
    // the peers' shares would split that hidden remainder, so SUPB gets no mix of M-100
    const supbInventory = await readDataset(ws, 'SUPB', 'inventory');
    expect(one(supbInventory, { model: 'M-100', firmware: '1.0' }).industry_status).toBe('suppressed');
    expect((await readDataset(ws, 'SUPB', 'inventory_peers')).filter((r) => r.model === 'M-100')).toEqual([]);
  });

  it('lists Category 1–2 incidents overlapping the London month', async () => {
    const rows = await readDataset(ws, 'SUPA', 'incidents');
    // I2 is Category 3; I4 ended 23:30 BST on 30 Sep; I3 ended 00:30 BST on 1 Oct
    expect(rows.map((r) => r.incident_id)).toEqual(['I1', 'I3']);
  });
});
