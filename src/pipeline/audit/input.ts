import type { DisclosurePolicy } from '../../shared/policy.ts';

export type Value = string | number | boolean | null;
export type Row = Readonly<Record<string, Value>>;

export interface DatasetRows {
  columns: readonly { name: string; type: string }[];
  rows: readonly Row[];
}

/** What one party can see: its own partition. */
export interface PartyView {
  partyId: string;
  partyName: string;
  roles: readonly string[];
  datasets: Readonly<Record<string, DatasetRows>>;
}

export interface AuditMonth {
  month: string;
  policy: DisclosurePolicy;
  parties: readonly PartyView[];
}

export const rowsOf = (view: PartyView, dataset: string): readonly Row[] => view.datasets[dataset]?.rows ?? [];

export const num = (row: Row, column: string): number => {
  const v = row[column];
  return typeof v === 'number' ? v : 0;
};

export const toKey = (row: Row, columns: readonly string[]): string => columns.map((c) => row[c] ?? '∅').join('|');
