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

/** The query for a place: `print` is kept; the settings of the view left behind (a picked dimension, a range) are not. */
export function toSearch(search: string, place: Place): string {
  const params = new URLSearchParams();
  const print = new URLSearchParams(search).get('print');
  if (print) params.set('print', print);
  params.set('role', place.role);
  params.set('view', place.view);
  return `?${params.toString()}`;
}
