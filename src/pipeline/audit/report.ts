import { z } from 'zod';

export const AUDIT_CHECKS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

export const findingSchema = z.object({
  check: z.enum(AUDIT_CHECKS),
  reader: z.string(),
  dataset: z.string(),
  cell: z.string(),
  problem: z.string(),
  value: z.string(),
  where: z.string(),
  equation: z.string().optional(),
  recovered: z.number().optional(),
});

export const auditReportSchema = z.object({
  month: z.string(),
  previousMonth: z.string().nullable(),
  readers: z.number().int().nonnegative(),
  cellsChecked: z.number().int().nonnegative(),
  findings: z.array(findingSchema),
  seconds: z.number().nonnegative(),
});

export type Finding = z.infer<typeof findingSchema>;
export type AuditReport = z.infer<typeof auditReportSchema>;

/** One line per finding, in the house shape `problem: value (where)`. */
export const toFindingLine = (f: Finding): string => `${f.problem}: ${f.value}${f.equation ? `; ${f.equation}` : ''} (${f.where})`;

export const toWhere = (check: AuditCheck, reader: string, dataset: string, cell: string): string =>
  `check ${check}, reader ${reader}, ${dataset} ${cell}`;

export function buildFinding(
  check: AuditCheck,
  reader: string,
  dataset: string,
  cell: string,
  problem: string,
  value: string,
  extra: { equation?: string; recovered?: number } = {},
): Finding {
  return { check, reader, dataset, cell, problem, value, where: toWhere(check, reader, dataset, cell), ...extra };
}

/** Findings per check letter, every letter present. */
export const toCheckCounts = (findings: readonly Finding[]): Record<AuditCheck, number> => {
  const counts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 0])) as Record<AuditCheck, number>;
  for (const f of findings) counts[f.check] += 1;
  return counts;
};
