import { sqlString } from '../../lib/duckdb.ts';
import {
  DEVICE_STATUSES,
  DEVICE_TYPES,
  ESME_VARIANTS,
  METER_TYPES,
  REGIONS,
  REQUEST_OUTCOMES,
  ALERT_OUTCOMES,
  ROLES,
  SMETS_VERSIONS,
  FILES,
  type FileSpec,
} from '../contract.ts';
import { typedColumns } from './sources.ts';

/**
 * Validation rules of design brief §3 as SQL predicates over one staged row `r` (every column VARCHAR,
 * plus `lo`/`hi`, the month's bounds in Europe/London), the same month's accepted party `p` (joined
 * on party_id) and `d`, the duplicate marker. The first rule that fires is the row's one reason.
 */
export interface Rule {
  column: string;
  /** SQL boolean: true rejects the row. */
  when: string;
  /** Literal reason, or `reasonSql` when it depends on the value. */
  reason: string;
  reasonSql?: string;
}

export const REASONS = {
  missing: 'missing value',
  date: 'unparsable date (YYYY-MM-DD)',
  timestamp: 'unparsable timestamp',
  noOffset: 'timestamp without offset or Z',
  outsideMonth: 'outside the month (Europe/London)',
  partyFormat: 'bad party_id (A-Z, 0-9, 2-12 characters)',
  deviceFormat: 'bad device_id (EUI-64 XX-XX-XX-XX-XX-XX-XX-XX)',
  firmware: 'firmware longer than 8 characters',
  commandVariant: 'command_variant not an integer 1-8',
  category: 'category not an integer 1-5',
  unknownParty: 'unknown party',
  unknownRole: 'unknown role',
  roleNotHeld: 'role not held by the party',
  unknownSrv: 'unknown SRV',
  unknownAlert: 'unknown alert code',
  unknownResponse: 'unknown response code',
  unknownDeviceType: 'unknown device type',
  unknownSmets: 'unknown SMETS version',
  unknownRegion: 'unknown region',
  unknownMeterType: 'unknown meter type',
  meterTypeNotMeter: 'meter type given for a device that is not a meter',
  unknownEsmeVariant: 'unknown ESME variant',
  esmeVariantNotEsme: 'ESME variant given for a device that is not an ESME',
  unknownStatus: 'unknown status',
  unknownOutcome: 'unknown outcome',
  listRole: 'roles: each of IS, ES, GS, ED at most once',
  listRegion: 'regions: All, or each of North, Central, South at most once',
  beforeSent: 'before sent_at',
  beforeRaised: 'before raised_at',
  beforeOpened: 'before opened_at',
  validTo: 'valid_to not after valid_from',
  tooLong: 'duration over 30 days',
  duplicate: 'duplicate id',
  control: 'control character (such as NUL or ESC)',
  quoteNotClosed: 'quote not closed',
} as const;

/** Rules that accept only a fixed alphabet or list: a control character fails them, so they need no control check first. */
const CLOSED_REASONS: ReadonlySet<string> = new Set([
  REASONS.date,
  REASONS.timestamp,
  REASONS.partyFormat,
  REASONS.deviceFormat,
  REASONS.commandVariant,
  REASONS.category,
  REASONS.unknownParty,
  REASONS.unknownRole,
  REASONS.unknownSrv,
  REASONS.unknownAlert,
  REASONS.unknownResponse,
  REASONS.unknownDeviceType,
  REASONS.unknownSmets,
  REASONS.unknownRegion,
  REASONS.unknownMeterType,
  REASONS.unknownEsmeVariant,
  REASONS.unknownStatus,
  REASONS.unknownOutcome,
  REASONS.listRole,
  REASONS.listRegion,
]);

/** C0 controls, DEL and C1 controls (RE2 syntax). */
const CONTROL_CLASS = String.raw`[\x00-\x1f\x7f-\x9f]`;
/** Free text that may hold tabs and line breaks (a quoted CSV field may span lines). */
const FREE_TEXT: ReadonlySet<string> = new Set(['summary']);

const TS_OFFSET = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)`;
const TS_LOCAL = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?`;
const MAX_DURATION_S = 30 * 24 * 3600;

const v = (column: string): string => `r.${column}`;
/** Columns read through a typed value; a natively typed Parquet column has no text (sources.ts). */
const TYPED = new Set(FILES.flatMap((spec) => typedColumns(spec).map((c) => c.name)));
const isNull = (column: string): string => (TYPED.has(column) ? `(r.${column} IS NULL AND r."${column}#" IS NULL)` : `r.${column} IS NULL`);
/** The value a rejection shows: the text, else the typed value formatted (only for rejected rows). */
export const toShownSql = (column: string): string =>
  TYPED.has(column) ? `coalesce(r.${column}, CAST(r."${column}#" AS VARCHAR))` : v(column);
/** Typed value of a DATE / TIMESTAMPTZ / TINYINT column, computed once per row by the source (sources.ts). */
const typed = (column: string): string => `r."${column}#"`;
const ts = typed;
const inList = (values: readonly string[]): string => `(${values.map(sqlString).join(', ')})`;
const notIn = (column: string, values: readonly string[]): string => `${v(column)} NOT IN ${inList(values)}`;
const notInTable = (column: string, table: string): string => `${v(column)} NOT IN (SELECT code FROM ${table})`;
const present = (column: string, condition: string): string => `(NOT ${isNull(column)} AND ${condition})`;
/** SQL boolean: the column's text holds a control character its format does not allow. */
const hasControl = (column: string): string =>
  FREE_TEXT.has(column)
    ? `regexp_matches(regexp_replace(${v(column)}, '\\r\\n|[\\t\\n]', '', 'g'), '${CONTROL_CLASS}')`
    : `regexp_matches(${v(column)}, '${CONTROL_CLASS}')`;
/** Whole microseconds between two typed timestamps: integer arithmetic, no conversion to seconds as a double. */
const micros = (from: string, to: string): string => `(epoch_us(${ts(to)}) - epoch_us(${ts(from)}))`;
const intOutside = (column: string, lo: number, hi: number): string =>
  `((NOT r."${column}?" AND NOT regexp_full_match(${v(column)}, '[0-9]{1,3}')) OR coalesce(${typed(column)} NOT BETWEEN ${lo} AND ${hi}, true))`;
const badList = (column: string, allowed: readonly string[]): string =>
  `(list_has_any(string_split(${v(column)}, ';'), ['']) OR len(list_filter(string_split(${v(column)}, ';'), x -> x NOT IN ${inList(allowed)})) > 0 ` +
  `OR len(list_distinct(string_split(${v(column)}, ';'))) <> len(string_split(${v(column)}, ';')))`;

const EUI64 = `NOT regexp_full_match(r.device_id, '[0-9A-F]{2}(-[0-9A-F]{2}){7}')`;
/** An event's device: an accepted device's id passed EUI64 already, and looking it up costs half the expression. */
const EVENT_EUI64 = `r.device_id NOT IN (SELECT device_id FROM main.devices) AND ${EUI64}`;
const partyKnown = (): Rule => ({ column: 'party_id', when: 'p.party_id IS NULL', reason: REASONS.unknownParty });
const roleKnown = (): Rule => ({ column: 'role', when: notIn('role', ROLES), reason: REASONS.unknownRole });
const inMonth = (column: string): Rule => ({
  column,
  when: `(${ts(column)} < r.lo OR ${ts(column)} >= r.hi)`,
  reason: REASONS.outsideMonth,
});
const after = (column: string, start: string, reason: string): Rule[] => [
  { column, when: present(column, `${ts(column)} < ${ts(start)}`), reason },
  { column, when: present(column, `${micros(start, column)} > ${MAX_DURATION_S * 1_000_000}`), reason: REASONS.tooLong },
];
const roleHeld = (): Rule => ({ column: 'role', when: 'NOT list_contains(p.roles, r.role)', reason: REASONS.roleNotHeld });

/** Rules beyond null and type checks, per file and column, in the order they are tried. */
const COLUMN_RULES: Record<string, Record<string, Rule[]>> = {
  parties: {
    party_id: [{ column: 'party_id', when: `NOT regexp_full_match(r.party_id, '[A-Z0-9]{2,12}')`, reason: REASONS.partyFormat }],
    roles: [{ column: 'roles', when: badList('roles', ROLES), reason: REASONS.listRole }],
  },
  registrations: {
    role: [roleKnown()],
    party_id: [partyKnown()],
    valid_to: [
      { column: 'valid_to', when: present('valid_to', `${typed('valid_to')} <= ${typed('valid_from')}`), reason: REASONS.validTo },
    ],
  },
  devices: {
    device_id: [{ column: 'device_id', when: EUI64, reason: REASONS.deviceFormat }],
    device_type: [{ column: 'device_type', when: notIn('device_type', DEVICE_TYPES), reason: REASONS.unknownDeviceType }],
    smets: [{ column: 'smets', when: notIn('smets', SMETS_VERSIONS), reason: REASONS.unknownSmets }],
    firmware: [{ column: 'firmware', when: 'length(r.firmware) > 8', reason: REASONS.firmware }],
    region: [{ column: 'region', when: notIn('region', REGIONS), reason: REASONS.unknownRegion }],
    meter_type: [
      { column: 'meter_type', when: present('meter_type', notIn('meter_type', METER_TYPES)), reason: REASONS.unknownMeterType },
      { column: 'meter_type', when: present('meter_type', `r.device_type NOT IN ('ESME', 'GSME')`), reason: REASONS.meterTypeNotMeter },
    ],
    esme_variant: [
      { column: 'esme_variant', when: present('esme_variant', notIn('esme_variant', ESME_VARIANTS)), reason: REASONS.unknownEsmeVariant },
      { column: 'esme_variant', when: present('esme_variant', `r.device_type <> 'ESME'`), reason: REASONS.esmeVariantNotEsme },
    ],
    status: [{ column: 'status', when: notIn('status', DEVICE_STATUSES), reason: REASONS.unknownStatus }],
  },
  service_requests: {
    party_id: [partyKnown()],
    role: [roleKnown()],
    srv: [{ column: 'srv', when: notInTable('srv', 'ref_srv'), reason: REASONS.unknownSrv }],
    command_variant: [{ column: 'command_variant', when: intOutside('command_variant', 1, 8), reason: REASONS.commandVariant }],
    device_id: [{ column: 'device_id', when: present('device_id', EVENT_EUI64), reason: REASONS.deviceFormat }],
    sent_at: [inMonth('sent_at')],
    responded_at: after('responded_at', 'sent_at', REASONS.beforeSent),
    outcome: [{ column: 'outcome', when: notIn('outcome', REQUEST_OUTCOMES), reason: REASONS.unknownOutcome }],
    response_code: [
      {
        column: 'response_code',
        when: present('response_code', notInTable('response_code', 'ref_response')),
        reason: REASONS.unknownResponse,
      },
    ],
  },
  alerts: {
    alert_code: [{ column: 'alert_code', when: notInTable('alert_code', 'ref_alert'), reason: REASONS.unknownAlert }],
    party_id: [partyKnown()],
    role: [roleKnown()],
    device_id: [{ column: 'device_id', when: present('device_id', EVENT_EUI64), reason: REASONS.deviceFormat }],
    raised_at: [inMonth('raised_at')],
    delivered_at: after('delivered_at', 'raised_at', REASONS.beforeRaised),
    outcome: [{ column: 'outcome', when: notIn('outcome', ALERT_OUTCOMES), reason: REASONS.unknownOutcome }],
  },
  incidents: {
    category: [{ column: 'category', when: intOutside('category', 1, 5), reason: REASONS.category }],
    resolved_at: [
      { column: 'resolved_at', when: present('resolved_at', `${ts('resolved_at')} < ${ts('opened_at')}`), reason: REASONS.beforeOpened },
    ],
    regions: [{ column: 'regions', when: `r.regions <> 'All' AND ${badList('regions', REGIONS)}`, reason: REASONS.listRegion }],
  },
};

function typeRules(spec: FileSpec, column: FileSpec['columns'][number]): Rule[] {
  const name = column.name;
  const rules: Rule[] = [];
  if (!column.nullable) rules.push({ column: name, when: isNull(name), reason: REASONS.missing });
  if (column.type === 'DATE') {
    rules.push({
      column: name,
      when: present(name, `(${typed(name)} IS NULL OR (NOT r."${name}?" AND NOT regexp_full_match(${v(name)}, '\\d{4}-\\d{2}-\\d{2}')))`),
      reason: REASONS.date,
    });
  }
  if (column.type === 'TIMESTAMPTZ') {
    rules.push({
      column: name,
      when: present(name, `(${ts(name)} IS NULL OR (NOT r."${name}?" AND NOT regexp_full_match(${v(name)}, '${TS_OFFSET}')))`),
      reason: REASONS.timestamp,
      reasonSql: `CASE WHEN regexp_full_match(${v(name)}, '${TS_LOCAL}') AND TRY_CAST(${v(name)} AS TIMESTAMP) IS NOT NULL THEN ${sqlString(REASONS.noOffset)} ELSE ${sqlString(REASONS.timestamp)} END`,
    });
  }
  return [...rules, ...(COLUMN_RULES[spec.name]?.[name] ?? [])];
}

/**
 * Every rule for a file in the order tried: control characters in the columns no closed rule checks, then per
 * column (contract order), then row-level rules. A closed rule that fires on a control character says so (buildReasonSql).
 */
export function buildRules(spec: FileSpec): Rule[] {
  const perColumn = spec.columns.map((column) => typeRules(spec, column));
  const open = spec.columns.filter((_, i) => !perColumn[i]?.some((rule) => CLOSED_REASONS.has(rule.reason)));
  const rules = [...open.map((c): Rule => ({ column: c.name, when: hasControl(c.name), reason: REASONS.control })), ...perColumn.flat()];
  const hasParty = spec.columns.some((c) => c.name === 'party_id') && spec.name !== 'parties';
  if (hasParty && spec.columns.some((c) => c.name === 'role')) rules.push(roleHeld());
  if (spec.key) rules.push({ column: spec.key, when: 'd.rid IS NOT NULL', reason: REASONS.duplicate });
  return rules;
}

/** One `{column, reason, value}` struct per row, NULL when every rule passes. */
export function buildReasonSql(rules: Rule[]): string {
  const branches = rules.map((rule) => {
    const reason = rule.reasonSql ?? sqlString(rule.reason);
    // evaluated for rejected rows only
    const named =
      rule.reason === REASONS.control
        ? reason
        : `CASE WHEN ${hasControl(rule.column)} THEN ${sqlString(REASONS.control)} ELSE ${reason} END`;
    return `    WHEN ${rule.when} THEN {'col': ${sqlString(rule.column)}, 'reason': ${named}, 'value': ${toShownSql(rule.column)}}`;
  });
  return `CASE\n${branches.join('\n')}\n  END`;
}

/** Whether a file's rules need the same month's parties joined as `p`. */
export const needsParties = (spec: FileSpec): boolean => spec.name !== 'parties' && spec.columns.some((c) => c.name === 'party_id');
