import { sqlString } from '../../lib/duckdb.ts';
import {
  ALERT_OUTCOMES,
  DEVICE_STATUSES,
  DEVICE_TYPES,
  ESME_VARIANTS,
  METER_TYPES,
  REGIONS,
  REQUEST_OUTCOMES,
  ROLES,
  SMETS_VERSIONS,
} from '../../pipeline/contract.ts';
import { DEVICE_MODELS, INSTALL_STEPS, ROLE_WEIGHTS, SRV_MIX } from './catalogue.ts';
import type { SampleParty } from './parties.ts';

type Cell = string | number | null;

const toLiteral = (value: Cell): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return sqlString(value);
};

/** `CREATE TABLE name AS FROM (VALUES …)` for a small catalogue table. */
export function buildValuesTable(name: string, columns: string[], rows: Cell[][]): string {
  if (rows.length === 0) throw new Error(`catalogue table without rows: ${name}`);
  const values = rows.map((row) => `(${row.map(toLiteral).join(', ')})`).join(',\n  ');
  return `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES\n  ${values}\n) t(${columns.join(', ')});`;
}

/** `CREATE MACRO name(n)` returning the n-th (0-based) value of a literal list: per-row lookups without a join. */
export function buildListMacro(name: string, values: Cell[], type: string): string {
  if (values.length === 0) throw new Error(`list macro without values: ${name}`);
  return `CREATE OR REPLACE MACRO ${name}(n) AS ([${values.map(toLiteral).join(', ')}]::${type}[])[n + 1];`;
}

/**
 * `CREATE TYPE name AS ENUM (…)` for a low-cardinality text column: Parquet then writes it straight from
 * the type's dictionary instead of hashing every value (it still reads back as text).
 */
export function buildEnumType(name: string, values: readonly string[]): string {
  if (values.length === 0 || new Set(values).size !== values.length) throw new Error(`enum needs distinct values: ${name}`);
  return `CREATE TYPE ${name} AS ENUM (${values.map(sqlString).join(', ')});`;
}

const distinct = (values: string[]): string[] => [...new Set(values)];

/** The text types of the output columns that take few values. */
function toEnumTypes(parties: SampleParty[]): Record<string, readonly string[]> {
  return {
    party_code: parties.map((p) => p.partyId),
    role_code: ROLES,
    srv_code: SRV_MIX.map((x) => x.srv),
    request_outcome: REQUEST_OUTCOMES,
    request_variant: ['Prepayment', 'Credit', 'DigitalSignature', 'KeyAgreement'],
    alert_code: ['N13', 'N55', 'N16', 'N42', 'AD1', '0x8F35', '0x8F36'],
    alert_outcome: ALERT_OUTCOMES,
    device_type_code: DEVICE_TYPES,
    smets_code: SMETS_VERSIONS,
    region_code: REGIONS,
    meter_type_code: METER_TYPES,
    esme_variant_code: ESME_VARIANTS,
    device_status: DEVICE_STATUSES,
    manufacturer_code: distinct(DEVICE_MODELS.map((d) => d.manufacturer)),
    model_code: DEVICE_MODELS.map((d) => d.model),
    firmware_code: distinct(DEVICE_MODELS.flatMap((d) => d.firmware.map((f) => f.split(':')[0] ?? ''))),
  };
}

/** SQL creating the catalogue tables, text types and number → value macros the generator SQL files read. */
export function buildCatalogueSql(parties: SampleParty[], months: string[]): string {
  const statements = [
    ...Object.entries(toEnumTypes(parties)).map(([name, values]) => buildEnumType(name, values)),
    buildListMacro(
      'party_of',
      parties.map((p) => p.partyId),
      'party_code',
    ),
    buildListMacro(
      'party_fail_of',
      parties.map((p) => p.failFactor),
      'DOUBLE',
    ),
    buildListMacro(
      'n42_follow_of',
      parties.map((p) => p.n42Follow),
      'DOUBLE',
    ),
    buildListMacro(
      'alert_fail_of',
      parties.map((p) => p.alertFailShare),
      'DOUBLE',
    ),
    buildListMacro(
      'srv_of',
      SRV_MIX.map((x) => x.srv),
      'srv_code',
    ),
    buildListMacro(
      'median_of',
      SRV_MIX.map((x) => x.medianSeconds),
      'DOUBLE',
    ),
    buildListMacro(
      'base_fail_of',
      SRV_MIX.map((x) => x.baseFail),
      'DOUBLE',
    ),
    buildValuesTable(
      'sample_parties',
      [
        'party_no',
        'party_id',
        'party_name',
        'roles',
        'share',
        'region',
        'fail_factor',
        'install_fail_factor',
        'read_after_install',
        'n42_follow',
        'alert_fail_share',
      ],
      parties.map((p, i) => [
        i,
        p.partyId,
        p.partyName,
        p.roles.join(';'),
        p.share,
        p.region,
        p.failFactor,
        p.installFailFactor,
        p.readAfterInstall,
        p.n42Follow,
        p.alertFailShare,
      ]),
    ),
    buildValuesTable(
      'device_models',
      ['model_no', 'device_type', 'smets', 'region', 'manufacturer', 'oui', 'model', 'weight', 'fail_factor', 'rtt_factor'],
      DEVICE_MODELS.map((d, i) => [
        i,
        d.deviceType,
        d.smets,
        d.region,
        d.manufacturer,
        d.oui,
        d.model,
        d.weight,
        d.failFactor,
        d.rttFactor,
      ]),
    ),
    buildValuesTable(
      'model_firmware',
      ['model_no', 'firmware_no', 'firmware', 'weight', 'fail_factor'],
      DEVICE_MODELS.flatMap((d, i) =>
        d.firmware.map((f, j) => {
          const [firmware, weight, fail] = f.split(':');
          return [i, j, firmware ?? '', Number(weight), Number(fail)];
        }),
      ),
    ),
    buildValuesTable(
      'srv_mix',
      ['srv_no', 'srv', 'weight', 'median_s', 'base_fail', 'kind_is', 'kind_gs', 'kind_es', 'kind_ed'],
      SRV_MIX.map((x, i) => [
        i,
        x.srv,
        x.weight,
        x.medianSeconds,
        x.baseFail,
        x.kinds.IS ?? 'E',
        x.kinds.GS ?? 'G',
        x.kinds.ES ?? 'E',
        x.kinds.ED ?? 'E',
      ]),
    ),
    buildValuesTable(
      'role_weights',
      ['role', 'weight'],
      Object.entries(ROLE_WEIGHTS).map(([role, weight]) => [role, weight]),
    ),
    buildValuesTable(
      'install_steps',
      ['step', 'srv', 'role', 'kind', 'offset_min'],
      INSTALL_STEPS.map((x) => [x.step, x.srv, x.role, x.kind, x.offsetMinutes]),
    ),
    buildValuesTable(
      'window_months',
      ['month_no', 'month'],
      months.map((month, i) => [i, month]),
    ),
  ];
  return statements.join('\n');
}
