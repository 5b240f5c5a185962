/** The roles a party reports in, in report order, and how pages name them (no zod: browser bundles import this). */
export const REPORT_ROLES = ['IS', 'ES', 'GS', 'ED'] as const;
export type ReportRole = (typeof REPORT_ROLES)[number];

export const ROLE_LABELS: Record<ReportRole, string> = {
  IS: 'Import Supplier',
  ES: 'Export Supplier',
  GS: 'Gas Supplier',
  ED: 'Electricity Distributor',
};
