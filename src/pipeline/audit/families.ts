import { num, rowsOf, toKey, type PartyView, type Row } from './input.ts';

/** A kind of published cell: where the reader sees it, and whose own rows make its truth. */
export interface Family {
  name: string;
  /** Dataset of the reader's partition that shows the cell. */
  dataset: string;
  /** Dataset whose own rows, over all parties, give each party's contribution. */
  source: string;
  keys: readonly string[];
  /** A party's own volume in a source row. */
  vol: (row: Row) => number;
  /** Additive (own column, industry column) pairs: a published industry figure is the sum of the own ones. */
  measures: readonly (readonly [string, string])[];
  /** Cells published to the reader, keyed, with the row that shows each. */
  published: (view: PartyView) => Map<string, Row>;
  /** The industry volume a published row shows (hierarchies only). */
  industryVol?: (row: Row) => number;
}

const byStatus =
  (dataset: string, keys: readonly string[]) =>
  (view: PartyView): Map<string, Row> => {
    const out = new Map<string, Row>();
    for (const row of rowsOf(view, dataset)) if (row.industry_status === 'published') out.set(toKey(row, keys), row);
    return out;
  };

const byPresence =
  (dataset: string, keys: readonly string[], keep: (row: Row) => boolean = () => true) =>
  (view: PartyView): Map<string, Row> => {
    const out = new Map<string, Row>();
    for (const row of rowsOf(view, dataset)) {
      const key = toKey(row, keys);
      if (keep(row) && !out.has(key)) out.set(key, row);
    }
    return out;
  };

/** The device-type total a reader derives from any published share of the type. */
export const TYPE_TOTAL = 'industry_type_total';
function publishedTypeTotals(view: PartyView): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const row of rowsOf(view, 'inventory')) {
    const share = num(row, 'industry_share_of_type');
    if (row.industry_status !== 'published' || share <= 0) continue;
    const key = toKey(row, ['role', 'device_type']);
    if (!out.has(key))
      out.set(key, {
        role: row.role ?? null,
        device_type: row.device_type ?? null,
        [TYPE_TOTAL]: Math.round(num(row, 'industry_devices') / share),
      });
  }
  return out;
}

/** (own, industry) column pairs of additive measures. */
const toMeasures = (columns: readonly string[]): Family['measures'] => columns.map((c) => [c, `industry_${c}`] as const);
/** What follows from a dataset that holds its own truth and publishes cell by cell. */
const ownDataset = (name: string, keys: readonly string[]): Pick<Family, 'name' | 'dataset' | 'source' | 'keys' | 'published'> => ({
  name,
  dataset: name,
  source: name,
  keys,
  published: byStatus(name, keys),
});

const ITEM_MEASURES = toMeasures(['requests', 'successes', 'failures', 'no_response', 'rtt_n']);
const ALERT_MEASURES = toMeasures(['delivered', 'failed', 'delivery_n']);
const requests = (row: Row): number => num(row, 'requests');
const alertVol = (row: Row): number => num(row, 'delivered') + num(row, 'failed');
const devices = (row: Row): number => num(row, 'devices');

const ITEM_KEYS = ['role', 'item_id'];
const DAILY_KEYS = [...ITEM_KEYS, 'day', 'meter_type', 'region', 'smets'];
const ALERT_KEYS = ['role', 'alert_code'];
const TYPE_KEYS = ['role', 'device_type'];
const CELL_KEYS = [...TYPE_KEYS, 'model', 'firmware'];

export const ITEM_MONTHLY: Family = {
  ...ownDataset('item_monthly', ITEM_KEYS),
  vol: requests,
  measures: ITEM_MEASURES,
  industryVol: (row) => num(row, 'industry_requests'),
};
export const ITEM_DAILY: Family = { ...ITEM_MONTHLY, ...ownDataset('item_daily', DAILY_KEYS) };
export const ALERTS_MONTHLY: Family = {
  ...ownDataset('alerts_monthly', ALERT_KEYS),
  vol: alertVol,
  measures: ALERT_MEASURES,
  industryVol: (row) => num(row, 'industry_delivered') + num(row, 'industry_failed'),
};
export const ALERTS_DAILY: Family = { ...ALERTS_MONTHLY, ...ownDataset('alerts_daily', [...ALERT_KEYS, 'day']) };
export const INVENTORY: Family = {
  ...ownDataset('inventory', CELL_KEYS),
  vol: devices,
  measures: toMeasures(['devices']),
  industryVol: (row) => num(row, 'industry_devices'),
};
export const INVENTORY_TYPE: Family = {
  name: 'inventory (type total)',
  dataset: 'inventory',
  source: 'inventory',
  keys: TYPE_KEYS,
  vol: devices,
  measures: [],
  published: publishedTypeTotals,
  industryVol: (row) => num(row, TYPE_TOTAL),
};
export const NO_READ: Family = {
  ...ownDataset('no_read_30d', ITEM_KEYS),
  vol: (row) => num(row, 'cohort'),
  measures: toMeasures(['cohort', 'not_read']),
  industryVol: (row) => num(row, 'industry_cohort'),
};
export const COS_GAIN: Family = {
  ...ownDataset('cos_gain', ['role']),
  vol: (row) => num(row, 'gains'),
  measures: toMeasures(['gains', 'prior_read', 'old_sent_814']),
  industryVol: (row) => num(row, 'industry_gains'),
};
export const ITEM_PEERS: Family = {
  ...ITEM_MONTHLY,
  name: 'item_peers',
  dataset: 'item_peers',
  measures: [],
  published: byPresence('item_peers', ITEM_KEYS),
};
export const LEAGUE: Family = {
  ...ITEM_MONTHLY,
  name: 'league',
  dataset: 'league',
  keys: ['role', 'business_process'],
  measures: [],
  published: byPresence('league', ['role', 'business_process'], (row) => row.status === 'published'),
};
export const INVENTORY_PEERS: Family = {
  ...INVENTORY,
  name: 'inventory_peers',
  dataset: 'inventory_peers',
  keys: [...TYPE_KEYS, 'model'],
  measures: [],
  published: byPresence('inventory_peers', [...TYPE_KEYS, 'model']),
};

/**
 * Root-cause slices: no industry volume is published, only the others' failure rate; the truth's sums of own requests and
 * failures (the measures) are what checkRootCauses compares it with. A firmware slice is keyed with its model too: the
 * texts of (`X / Y`, `Z`) and (`X`, `Y / Z`) are the same.
 */
export const ROOT_CAUSES: Family = {
  ...ownDataset('root_causes', ['role', 'item_id', 'dimension', 'slice', 'model']),
  vol: requests,
  measures: toMeasures(['requests', 'failures']),
};
export const ROOT_CAUSE_DIMENSIONS = ['model', 'firmware', 'meter_type', 'region', 'smets'] as const;

/** The monthly item once per root-cause dimension: each dimension's slices partition it. */
export const ITEM_BY_DIMENSION: Family = {
  ...ITEM_MONTHLY,
  name: 'item_monthly (per root-cause dimension)',
  keys: ['role', 'item_id', 'dimension'],
  measures: [],
  published: (view) => {
    const out = new Map<string, Row>();
    for (const row of ITEM_MONTHLY.published(view).values())
      for (const dimension of ROOT_CAUSE_DIMENSIONS) out.set(toKey({ ...row, dimension }, ['role', 'item_id', 'dimension']), row);
    return out;
  },
};

/** Every family whose published cells must pass the primary rule (check a). */
export const PRIMARY_FAMILIES: readonly Family[] = [
  ITEM_MONTHLY,
  ITEM_DAILY,
  ALERTS_MONTHLY,
  ALERTS_DAILY,
  INVENTORY,
  INVENTORY_TYPE,
  NO_READ,
  COS_GAIN,
  ITEM_PEERS,
  LEAGUE,
  INVENTORY_PEERS,
  ROOT_CAUSES,
];

/** Parent over child cells whose values add up (check b). */
export const HIERARCHIES: readonly { parent: Family; child: Family }[] = [
  { parent: ITEM_MONTHLY, child: ITEM_DAILY },
  { parent: ALERTS_MONTHLY, child: ALERTS_DAILY },
  { parent: INVENTORY_TYPE, child: INVENTORY },
  // worst case: the reader is taken to know the volume of every slice published to it
  { parent: ITEM_BY_DIMENSION, child: ROOT_CAUSES },
];

/** Monthly figures a reader can compare with last month's (check d); a firmware cell too: a party moving its meters between firmware leaves the type total as it was. */
export const MONTHLY_FAMILIES: readonly Family[] = [ITEM_MONTHLY, ALERTS_MONTHLY, INVENTORY_TYPE, INVENTORY, NO_READ, COS_GAIN];
