import * as z from 'zod/mini';

/** Public list of built months (`<out>/months.json`, and a copy per month): months are not confidential. */
export const monthsIndexSchema = z.object({ months: z.array(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))) });
export type MonthsIndex = z.infer<typeof monthsIndexSchema>;

/** Months the site knows, newest first: the root list (all built months) when the host serves it, else this month's copy. */
export async function fetchMonths(base: string): Promise<string[]> {
  for (const url of [`${base}../months.json`, `${base}months.json`]) {
    try {
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) continue;
      const parsed = monthsIndexSchema.safeParse(await response.json());
      if (parsed.success) return [...new Set(parsed.data.months)].sort().reverse();
    } catch {
      // Not served (e.g. a host that only publishes month folders): try the next list.
    }
  }
  return [];
}

/** The microsite address of a party in another month (the slug is stable across months). */
export const toMonthUrl = (base: string, month: string, slug: string): string => `${base}../${month}/u/${slug}/`;
