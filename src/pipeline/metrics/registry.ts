import { fileURLToPath } from 'node:url';
import { sqlString } from '../../lib/duckdb.ts';
import { REPORT_ITEMS, type ReportItem } from '../../shared/reportItems.ts';
import type { Policy } from '../../shared/policy.ts';
import { daysInMonth, toSummerTimeUs } from '../../lib/month.ts';

const str = (v: string | null): string => (v === null ? 'NULL' : sqlString(v));
const list = (values: readonly string[]): string => `[${values.map(sqlString).join(', ')}]::VARCHAR[]`;

/** SQL creating `report_item` (one row per item) and `report_item_srv` (item × SRV) from the registry. */
export function toRegistrySql(items: readonly ReportItem[] = REPORT_ITEMS): string {
  const rows = items.map(
    (i) => `(${[str(i.id), str(i.businessProcess), str(i.variant), str(i.context), str(i.kind), list(i.roles), list(i.srvs)].join(', ')})`,
  );
  return [
    `CREATE OR REPLACE TEMP TABLE report_item AS SELECT * FROM (VALUES ${rows.join(',\n')}) t(item_id, business_process, variant, context, kind, roles, srvs);`,
    'CREATE OR REPLACE TEMP TABLE report_item_srv AS SELECT item_id, business_process, variant, context, kind, roles, unnest(srvs) AS srv FROM report_item;',
  ].join('\n');
}

/** SQL condition on `us` (epoch microseconds): inside UK summer time of the year before, of, or after `year`. */
export const toSummerTimeSql = (year: number): string =>
  [year - 1, year, year + 1]
    .map(toSummerTimeUs)
    .map(([start, end]) => `(us >= ${start} AND us < ${end})`)
    .join(' OR ');

/** Reference data shipped with the code: item_failures names each response code. */
const RESPONSE_CODES_CSV = fileURLToPath(new URL('../../../data/reference/response-codes.csv', import.meta.url));

/** Placeholder values for the metrics SQL files. */
export function toSqlVars(month: string, policy: Policy): Record<string, string | number> {
  return {
    month,
    monthStart: `${month}-01`,
    monthEnd: `${month}-${String(daysInMonth(month)).padStart(2, '0')}`,
    summerTimeUs: toSummerTimeSql(Number(month.slice(0, 4))),
    ...policy.disclosure,
    leagueStepsPerWhole: Math.round(100 / policy.disclosure.leagueRoundingPp),
    secondarySuppression: String(policy.disclosure.secondarySuppression),
    ...policy.windows,
    responseCodesCsv: RESPONSE_CODES_CSV.replaceAll("'", "''"),
  };
}
