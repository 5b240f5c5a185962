/**
 * The input contract (design brief §3): files of a month folder, their columns and the
 * typed DuckDB tables ingest loads them into. Every stage after ingest reads these tables.
 */
export { REPORT_ROLES as ROLES, type ReportRole as Role } from '../shared/roles.ts';

export const DEVICE_TYPES = ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS', 'IHD', 'CAD'] as const;
export const SMETS_VERSIONS = ['SMETS1', 'SMETS2'] as const;
export const REGIONS = ['North', 'Central', 'South'] as const;
export const METER_TYPES = ['Credit', 'Prepayment'] as const;
export const ESME_VARIANTS = ['A', 'B', 'C'] as const;
export const DEVICE_STATUSES = ['Commissioned', 'InstalledNotCommissioned', 'Decommissioned', 'Suspended', 'Withdrawn'] as const;
export const REQUEST_OUTCOMES = ['success', 'failure'] as const;
export const ALERT_OUTCOMES = ['delivered', 'failed'] as const;

const COLUMN_TYPES = ['VARCHAR', 'DATE', 'TIMESTAMPTZ', 'TINYINT', 'VARCHAR[]'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

export interface FileSpec {
  /** File stem inside the month folder: `<name>.csv` or `<name>.parquet`. */
  name: string;
  /** Unique key column, if any. */
  key?: string;
  /** Event time that must fall inside the month (Europe/London), if any. */
  eventTime?: string;
  columns: ColumnSpec[];
  /** Rows of a history month that later stages read; absent = all. Every row is still validated and counted. */
  historyRows?: HistoryRows;
  /**
   * The reporting month's file, when Parquet with native dates and times and no rejected row, is read where it
   * lies (a view in the loaded database) instead of copied: the copy costs more than every later read of it.
   */
  readInPlace?: boolean;
}

/** SQL templates: `{{month}}` is the reporting month, `{{union}}` every loaded month's source rows. */
export interface HistoryRows {
  /** Run before loading, over `{{union}}` and the loaded `main.devices`: temp tables `where` uses. */
  prepare?: string;
  /** Predicate over a source row `r` (typed values in `r."<name>#"`). */
  where: string;
}

const isColumnType = (type: string): type is ColumnType => (COLUMN_TYPES as readonly string[]).includes(type);

/** Columns written `name` (VARCHAR), `name:TYPE`, and ending in `?` when nullable: `cols('party_id valid_to:DATE?')`. */
const cols = (...groups: string[]): ColumnSpec[] =>
  groups.flatMap((group) =>
    group.split(' ').map((word) => {
      const [name = '', type = 'VARCHAR'] = word.replace(/\?$/, '').split(':');
      if (!isColumnType(type)) throw new Error(`unknown column type in the contract: ${word}`);
      return { name, type, nullable: word.endsWith('?') };
    }),
  );

export const FILES: FileSpec[] = [
  {
    name: 'parties',
    key: 'party_id',
    columns: cols('party_id party_name roles:VARCHAR[]'),
  },
  {
    name: 'registrations',
    // later stages read the reporting month's registrations only
    historyRows: { where: 'FALSE' },
    columns: cols('premise_id role party_id valid_from:DATE valid_to:DATE?'),
  },
  {
    name: 'devices',
    key: 'device_id',
    // later stages read the reporting month's devices only (history months' requests are placed at premises through them)
    historyRows: { where: 'FALSE' },
    columns: cols(
      'device_id premise_id device_type smets manufacturer model firmware region meter_type? esme_variant? status commissioned_on:DATE?',
    ),
  },
  {
    name: 'service_requests',
    key: 'request_id',
    eventTime: 'sent_at',
    readInPlace: true,
    // installs and CoS gains (install windows and predictions), and successful reads at their premises (30-day windows).
    // The range holds the three SRVs: DuckDB pushes it into a Parquet scan, where the IN list only checks row groups.
    historyRows: {
      prepare: `CREATE OR REPLACE TEMP TABLE history_devices AS
        SELECT device_id FROM main.devices WHERE month = '{{month}}' AND premise_id IN (
          SELECT d.premise_id FROM ({{union}}) r JOIN main.devices d ON d.device_id = r.device_id AND d.month = '{{month}}'
          WHERE r.srv BETWEEN '6.23' AND '8.14.2' AND r.srv IN ('8.14.1', '8.14.2', '6.23'))`,
      where: `r.srv IN ('8.14.1', '8.14.2', '6.23') OR (r.srv LIKE '4.%' AND r.outcome = 'success' AND r."responded_at#" IS NOT NULL
        AND r.device_id IN (SELECT device_id FROM history_devices))`,
    },
    columns: cols(
      'request_id party_id role srv variant? command_variant:TINYINT device_id?',
      'sent_at:TIMESTAMPTZ responded_at:TIMESTAMPTZ? outcome response_code?',
    ),
  },
  {
    name: 'alerts',
    key: 'alert_id',
    eventTime: 'raised_at',
    historyRows: { where: 'FALSE' },
    columns: cols('alert_id alert_code party_id role device_id? raised_at:TIMESTAMPTZ delivered_at:TIMESTAMPTZ? outcome'),
  },
  {
    name: 'incidents',
    key: 'incident_id',
    columns: cols('incident_id category:TINYINT opened_at:TIMESTAMPTZ resolved_at:TIMESTAMPTZ? regions:VARCHAR[] summary?'),
  },
];

export const fileSpec = (name: string): FileSpec => {
  const spec = FILES.find((f) => f.name === name);
  if (!spec) throw new Error(`no such input file in the contract: ${name}`);
  return spec;
};

/**
 * Loaded tables in `<work>/<month>/ingest/month.duckdb`: one per file, same names and typed columns as
 * above, plus `month VARCHAR` (the month folder the row came from). List columns (`roles`,
 * `regions`) are split on `;`. Only accepted rows are loaded, and of a history month only the rows
 * its `historyRows` selects (what the 30-day windows and install predictions read). A file read in place
 * (`readInPlace`) makes its table a view: `<name>_loaded` (the copied rows) plus the reporting month's file.
 */
export const LOADED_DB_FILE = 'month.duckdb';
