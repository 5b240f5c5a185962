import type { Converted } from '../../site/arrowRows.ts';
import type { ReportRole } from '../../shared/roles.ts';
import { selectRows } from './chartRows.ts';
import type { ChartSpec } from './views.ts';

/**
 * Charts of one dataset split by what the reader is shown: a chart is withheld when every one of the role's rows it
 * would draw (its suppressed rows kept) is marked suppressed (a league not published). Order kept within each part.
 */
export function splitWithheld(
  charts: readonly ChartSpec[],
  { columns, rows }: Converted,
  role: ReportRole,
): { shown: ChartSpec[]; withheld: ChartSpec[] } {
  const shown: ChartSpec[] = [];
  const withheld: ChartSpec[] = [];
  for (const chart of charts) {
    const own = selectRows(rows, columns, { where: chart.where, keepSuppressed: true }, role).rows;
    (own.length > 0 && own.every((r) => r.status === 'suppressed') ? withheld : shown).push(chart);
  }
  return { shown, withheld };
}
