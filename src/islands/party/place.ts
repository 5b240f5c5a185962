import type { ReportRole } from '../../shared/roles.ts';

/** Which role and view of a report is open: kept in the address (`?role=IS&view=bp-meter-reads`), never the credential. */
export interface Place {
  role: ReportRole;
  view: string;
}

/** The place an address names; a role the party lacks, or none, falls back to its first role and the overview. */
export function toPlace(search: string, roles: readonly ReportRole[]): Place {
  const params = new URLSearchParams(search);
  const role = roles.find((r) => r === params.get('role')) ?? roles[0] ?? 'IS';
  return { role, view: params.get('view') || 'overview' };
}

/**
 * `?print=1` is the print version a reader opens; `?print=pdf` is the same for the PDF printer, whose tab is wider
 * than a page: there the report is laid out only when printed.
 */
export type PrintMode = 'page' | 'pdf' | undefined;

export const toPrintMode = (value: string | null): PrintMode => (value === '1' ? 'page' : value === 'pdf' ? 'pdf' : undefined);

/** The query for a place: `print` is kept; the settings of the view left behind (a picked dimension, a range) are not. */
export function toSearch(search: string, place: Place): string {
  const params = new URLSearchParams();
  const print = new URLSearchParams(search).get('print');
  if (print) params.set('print', print);
  params.set('role', place.role);
  params.set('view', place.view);
  return `?${params.toString()}`;
}
