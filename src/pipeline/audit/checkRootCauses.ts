import type { DisclosurePolicy } from '../../shared/policy.ts';
import { isRounded } from './checkValues.ts';
import { ITEM_DAILY, ROOT_CAUSES } from './families.ts';
import { num, toKey, type PartyView, type Row } from './input.ts';
import { buildFinding, type Finding } from './report.ts';
import type { TruthIndex } from './truth.ts';

/** Dimensions item_daily splits by too, and the name a root-cause slice gives a missing value. */
const DAILY_DIMENSIONS: Readonly<Record<string, string>> = { meter_type: 'Meter type', region: 'Region', smets: 'SMETS' };
const INDUSTRY_COLUMNS = ['industry_failure_rate', 'expected_failures', 'excess_failures', 'excess_rank'];
const ITEM_KEYS = ['role', 'item_id'];
const TOLERANCE = 1e-9;

const toSlice = (dimension: string, value: Row[string] | undefined): string =>
  value === null || value === undefined ? `${DAILY_DIMENSIONS[dimension]} not recorded` : String(value);

/** Item_daily cells (role|item_id → rows) of the month, with who contributed to each. */
function groupDaily(truths: TruthIndex): Map<string, { row: Row; parties: string[] }[]> {
  return truths.memo('root-causes:daily', () => {
    const out = new Map<string, { row: Row; parties: string[] }[]>();
    for (const cell of truths.of(ITEM_DAILY).values()) {
      const item = toKey(cell.row, ITEM_KEYS);
      const list = out.get(item) ?? [];
      list.push({ row: cell.row, parties: [...cell.contributions.keys()] });
      out.set(item, list);
    }
    return out;
  });
}

/**
 * Check (b) across datasets: a meter type, region or SMETS slice is a union of item_daily cells. Its rate, published
 * over a slice that holds some but not all of the reader's hidden daily cells (with other parties in them), is one
 * more equation over those cells, enough with a few slices to solve for each.
 */
function buildDailySliceFindings(reader: PartyView, truths: TruthIndex, published: ReadonlyMap<string, Row>): Finding[] {
  const daily = groupDaily(truths);
  const shown = ITEM_DAILY.published(reader);
  const hiddenOf = new Map<string, Row[]>();
  const hidden = (item: string): Row[] => {
    if (!hiddenOf.has(item)) {
      const cells = (daily.get(item) ?? []).filter(
        (c) => !shown.has(toKey(c.row, ITEM_DAILY.keys)) && c.parties.some((p) => p !== reader.partyId),
      );
      hiddenOf.set(
        item,
        cells.map((c) => c.row),
      );
    }
    return hiddenOf.get(item)!;
  };
  const findings: Finding[] = [];
  for (const [key, row] of published) {
    const dimension = String(row.dimension);
    if (!(dimension in DAILY_DIMENSIONS)) continue;
    const all = hidden(toKey(row, ITEM_KEYS));
    const inside = all.filter((r) => toSlice(dimension, r[dimension]) === row.slice).length;
    if (inside > 0 && inside < all.length)
      findings.push(
        buildFinding(
          'b',
          reader.partyId,
          ROOT_CAUSES.name,
          key,
          'published slice rate holds some of the hidden item_daily cells: with the published cells it solves for them',
          `${inside} of ${all.length} hidden item_daily cells`,
        ),
      );
  }
  return findings;
}

/**
 * Root-cause rows: a published others' failure rate is what the other contributors' own rows give, rounded as peer
 * rates are and from at least minPeerVolume requests (check a; unrounded or from a few requests, the rate gives the
 * slice's counts), a suppressed row carries no industry figure (check a), and no slice adds to item_daily (check b).
 */
export function buildRootCauseFindings(reader: PartyView, truths: TruthIndex, policy: DisclosurePolicy): Finding[] {
  const step = policy.leagueRoundingPp / 100;
  const truth = truths.of(ROOT_CAUSES);
  const published = ROOT_CAUSES.published(reader);
  const findings: Finding[] = [];
  const fail = (key: string, problem: string, value: string): number =>
    findings.push(buildFinding('a', reader.partyId, ROOT_CAUSES.name, key, problem, value));
  for (const [key, row] of published) {
    const [requests = 0, failures = 0] = truth.get(key)?.sums ?? [];
    const othersRequests = requests - num(row, 'requests');
    const expected = othersRequests > 0 ? (failures - num(row, 'failures')) / othersRequests : null;
    const shownRate = row.industry_failure_rate;
    if (expected === null || typeof shownRate !== 'number' || Math.abs(shownRate - expected) > step / 2 + TOLERANCE)
      fail(key, 'industry failure rate differs from the other contributors own figures', `${shownRate} ≠ ${expected}`);
    else if (!isRounded(shownRate, step)) fail(key, `industry failure rate not rounded to ${step}`, String(shownRate));
    else if (othersRequests < policy.minPeerVolume)
      fail(key, `industry failure rate from fewer than ${policy.minPeerVolume} others' requests`, String(othersRequests));
  }
  for (const row of reader.datasets[ROOT_CAUSES.dataset]?.rows ?? []) {
    if (row.industry_status === 'published') continue;
    const shown = INDUSTRY_COLUMNS.filter((c) => row[c] !== null && row[c] !== undefined);
    if (shown.length > 0) fail(toKey(row, ROOT_CAUSES.keys), 'suppressed row carries an industry figure', shown.join(', '));
  }
  findings.push(...buildDailySliceFindings(reader, truths, published));
  return findings;
}
