import * as z from 'zod/mini';
import { MONTH_PATTERN } from '../shared/month.ts';

/** Public list of built months (`<out>/months.json`, and a copy per month): months are not confidential. */
export const monthsIndexSchema = z.object({ months: z.array(z.string().check(z.regex(MONTH_PATTERN))) });
export type MonthsIndex = z.infer<typeof monthsIndexSchema>;

/** `<month>/slug-hashes.json`: SHA-256 (hex) of every party slug with a report that month. */
export const slugHashesSchema = z.object({ slugHashes: z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/))) });

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

export async function toSlugHash(slug: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(slug));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether `month` lists this party, read from the month's public slug-hash list. Probing a party's
 * keyring in a month it lacks would log a 404 in the reader's console; a month without the list is not offered.
 */
export async function monthHasParty(base: string, month: string, slugHash: string): Promise<boolean> {
  const response = await fetch(`${base}../${month}/slug-hashes.json`, { credentials: 'same-origin' });
  if (!response.ok) return false;
  const parsed = slugHashesSchema.safeParse(await response.json());
  return parsed.success && parsed.data.slugHashes.includes(slugHash);
}

/** The microsite address of a party in another month (the slug is stable across months). */
export const toMonthUrl = (base: string, month: string, slug: string): string => `${base}../${month}/u/${slug}/`;
