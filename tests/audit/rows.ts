import type { AuditMonth, PartyView, Row } from '../../src/pipeline/audit/input.ts';
import type { DisclosurePolicy } from '../../src/shared/policy.ts';

export const POLICY: DisclosurePolicy = {
  minOtherParties: 4,
  // the hand-made rows below send a few requests each
  minPeerVolume: 1,
  dominanceTopContributors: 2,
  dominanceShare: 0.85,
  leagueRoundingPp: 0.1,
  secondarySuppression: true,
};

const FLOAT = /share|pct|rate|_min$|_max$|mean/;
const typeOf = (name: string, rows: readonly Row[]): string => {
  const value = rows.map((r) => r[name]).find((v) => v !== null && v !== undefined);
  if (typeof value === 'string') return 'utf8';
  if (typeof value === 'boolean') return 'bool';
  return FLOAT.test(name) ? 'float64' : 'int32';
};

/** A party's partition from hand-made rows; column types follow the values. */
export function buildView(partyId: string, datasets: Record<string, Row[]>, roles: string[] = ['IS']): PartyView {
  const out: PartyView['datasets'] = {};
  for (const [name, rows] of Object.entries(datasets)) {
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    (out as Record<string, unknown>)[name] = { columns: names.map((n) => ({ name: n, type: typeOf(n, rows) })), rows };
  }
  return { partyId, partyName: `${partyId} Energy`, roles, datasets: out };
}

export const buildMonth = (parties: PartyView[], month = '2025-10'): AuditMonth => ({ month, policy: POLICY, parties });

/** An item_monthly row: own requests and, when published, the industry requests. */
export const monthlyRow = (requests: number, industry: number | null, item = 'RR-4.1.1'): Row => ({
  role: 'IS',
  item_id: item,
  business_process: 'Read Registers',
  requests,
  industry_status: industry === null ? 'suppressed' : 'published',
  industry_requests: industry,
});

/** An item_daily row of day `day` (meter type, region, SMETS fixed). */
export const dailyRow = (day: string, requests: number, industry: number | null, item = 'RR-4.1.1'): Row => ({
  role: 'IS',
  item_id: item,
  day,
  meter_type: 'Credit',
  region: 'North',
  smets: 'SMETS2',
  requests,
  industry_status: industry === null ? 'suppressed' : 'published',
  industry_requests: industry,
});

export const PARTIES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];

/** Requests per day and party for one item. */
export type Cells = Record<string, Record<string, number>>;

const othersIn = (cell: Record<string, number>, reader: string): number => Object.keys(cell).filter((p) => p !== reader).length;

/**
 * Every party's item_monthly and item_daily for one item, published as `shows` decides
 * (by default: a cell with at least 4 other contributors; the month always).
 */
export function buildItemMonth(
  cells: Cells,
  shows: (reader: string, day: string) => boolean = (reader, day) => othersIn(cells[day]!, reader) >= 4,
  showsMonth: (reader: string) => boolean = () => true,
): AuditMonth {
  const total = (cell: Record<string, number>): number => Object.values(cell).reduce((s, v) => s + v, 0);
  const industry = Object.values(cells).reduce((s, c) => s + total(c), 0);
  return buildMonth(
    PARTIES.map((reader) => {
      const own = Object.values(cells).reduce((s, c) => s + (c[reader] ?? 0), 0);
      const daily = Object.entries(cells)
        .filter(([day, c]) => (c[reader] ?? 0) > 0 || shows(reader, day))
        .map(([day, c]) => dailyRow(day, c[reader] ?? 0, shows(reader, day) ? total(c) : null));
      return buildView(reader, { item_monthly: [monthlyRow(own, showsMonth(reader) ? industry : null)], item_daily: daily });
    }),
  );
}

/** Every party sends `n` on `day`. */
export const everyone = (n: number, parties = PARTIES): Record<string, number> => Object.fromEntries(parties.map((p) => [p, n]));
