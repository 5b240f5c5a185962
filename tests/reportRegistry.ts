/**
 * What the report should hold per role, written out by hand so tests do not take their expectations from
 * the code they check. siteCore.test.ts keeps this table equal to the raw reference CSVs.
 */
import { readFileSync } from 'node:fs';

export type Role = 'IS' | 'ES' | 'GS' | 'ED';

export const ROLE_NAMES: Record<Role, string> = {
  IS: 'Import Supplier',
  ES: 'Export Supplier',
  GS: 'Gas Supplier',
  ED: 'Electricity Distributor',
};

/** Business processes a party in the role is reported on, in report order. */
export const PROCESSES_BY_ROLE: Record<Role, readonly string[]> = {
  IS: [
    'Install and Commission',
    'Change of Supplier (Gain)',
    'Change of Tenancy',
    'Tariff Updates',
    'Prepayment',
    'Security and Key Management',
    'Update Device Firmware',
    'Logistics Communications Hub Ordering and Returns',
    'Distribution Networks Post I&C Activity',
    'Meter Reads',
    'Read Registers',
    'Scheduling',
    'Read Device Information',
    'Auxiliary Load',
    'Other SRVs',
  ],
  ES: ['Meter Reads', 'Read Registers', 'Scheduling', 'Read Device Information', 'Other SRVs'],
  GS: [
    'Install and Commission',
    'Change of Supplier (Gain)',
    'Change of Tenancy',
    'Tariff Updates',
    'Prepayment',
    'Security and Key Management',
    'Update Device Firmware',
    'Logistics Communications Hub Ordering and Returns',
    'Distribution Networks Post I&C Activity',
    'Meter Reads',
    'Read Registers',
    'Scheduling',
    'Read Device Information',
    'Other SRVs',
  ],
  ED: [
    'Distribution Networks Post I&C Activity',
    'Meter Reads',
    'Read Registers',
    'Scheduling',
    'Read Device Information',
    'Maximum Demand',
    'Auxiliary Load',
    'Other SRVs',
  ],
};

/** Titles of the printed sections of one role, in order (Explore and Downloads are screen-only). */
export const toPrintedSections = (role: Role): string[] => [
  'Overview',
  'Inventory',
  ...PROCESSES_BY_ROLE[role],
  'Alerts',
  ...(role === 'ED' ? ['Network operator extras'] : []),
  'League tables',
];

/** A reference CSV of data/reference as rows of text; these files hold no quoted fields. */
export function readReferenceCsv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../data/reference/${name}`, import.meta.url), 'utf8').trim();
  const [header = '', ...lines] = text.split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    if (line.includes('"')) throw new Error(`quoted field in ${name}: ${line}`);
    const fields = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
  });
}

/** Processes per role straight from report-items.csv and srv-duis.csv: an item is the role's when every SRV of it is. */
export function readProcessesByRole(): Record<Role, string[]> {
  const srvRoles = new Map(readReferenceCsv('srv-duis.csv').map((r) => [r.srv, (r.roles ?? '').split(';')]));
  const items = readReferenceCsv('report-items.csv');
  const forRole = (role: Role): string[] => {
    const held = items.filter((i) => (i.srv ?? '').split(';').every((srv) => srvRoles.get(srv)?.includes(role)));
    return [...new Set(held.map((i) => i.business_process ?? ''))];
  };
  return { IS: forRole('IS'), ES: forRole('ES'), GS: forRole('GS'), ED: forRole('ED') };
}
