import { fetchMonths } from './months.ts';

/**
 * The landing page's month list was frozen when its month was built: add the months published since,
 * from the root list, so an older month's page still leads to every newer one.
 */
export async function fillMonthList(): Promise<void> {
  const list = document.getElementById('month-list');
  if (!list) return;
  const base = list.dataset.base ?? '/';
  const shown = new Set([...list.querySelectorAll('a')].map((a) => a.dataset.month));
  const months = await fetchMonths(base);
  for (const month of months.filter((m) => !shown.has(m))) {
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
