// Only the plain month pattern is imported: site/months.ts (and its zod/mini) would load on the landing page and
// change how the party microsite's bundle is split.
import { MONTH_PATTERN as MONTH } from '../shared/month.ts';

/** The root list of published months, or none when it cannot be read (the list built with the page stays). */
async function fetchRootMonths(base: string): Promise<string[]> {
  const response = await fetch(`${base}../months.json`, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) return [];
  const body = (await response.json()) as { months?: unknown };
  const months = Array.isArray(body.months) ? body.months : [];
  return months.filter((m): m is string => typeof m === 'string' && MONTH.test(m));
}

/**
 * The landing page's month list was frozen when its month was built: add the months published since,
 * from the root list, so an older month's page still leads to every newer one.
 */
export async function fillMonthList(): Promise<void> {
  const list = document.getElementById('month-list');
  if (!list) return;
  const base = list.dataset.base ?? '/';
  const shown = new Set([...list.querySelectorAll('a')].map((a) => a.dataset.month));
  for (const month of (await fetchRootMonths(base)).filter((m) => !shown.has(m))) {
    shown.add(month);
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `${base}../${month}/`;
    link.dataset.month = month;
    link.textContent = month;
    item.append(link);
    // newest first: before the first listed month that is older
    const next = [...list.children].find((li) => (li.querySelector('a')?.dataset.month ?? '') < month);
    list.insertBefore(item, next ?? null);
  }
}
