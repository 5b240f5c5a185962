import * as z from 'zod/mini';
import type { ReportItem } from '../shared/reportItems.ts';

/** The public report item registry as the browser reads it (`<base>report-items.json`); zod/mini keeps the bundle small. */
const itemsSchema = z.array(
  z.object({
    id: z.string(),
    businessProcess: z.string(),
    srvs: z.array(z.string()),
    variant: z.nullable(z.string()),
    context: z.nullable(z.enum(['install', 'cos_gain', 'bau', 'not_install'])),
    kind: z.enum(['srv', 'derived']),
    roles: z.array(z.enum(['IS', 'ES', 'GS', 'ED'])),
    datasets: z.array(z.string()),
    description: z.string(),
  }),
);

export async function fetchReportItems(base: string): Promise<ReportItem[]> {
  const response = await fetch(`${base}report-items.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`report items: HTTP ${response.status}`);
  return itemsSchema.parse(await response.json());
}
