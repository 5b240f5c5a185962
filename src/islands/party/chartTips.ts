/**
 * Exact values of a chart's marks on hover and on keyboard focus. Plot writes each value as an SVG `<title>` (its
 * `title` channel); the title becomes the mark's accessible name and a tooltip of our own, so the keyboard reaches
 * it too: the chart is one tab stop and the arrow keys move from mark to mark (Home and End to the ends, Escape
 * hides the tooltip).
 * Returns whether the chart has such marks.
 */
/** Keys that move the focus: one mark back or on, or to the first or the last. */
const STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };

export function addChartTips(host: HTMLElement, figure: Element): boolean {
  const marks: SVGElement[] = [];
  for (const title of figure.querySelectorAll('title')) {
    const mark = title.parentElement;
    if (!(mark instanceof SVGElement) || !title.textContent) continue;
    mark.setAttribute('aria-label', title.textContent);
    mark.setAttribute('role', 'img');
    mark.setAttribute('tabindex', marks.length === 0 ? '0' : '-1');
    mark.dataset.tip = '';
    // The native title tooltip would show the same text a second time.
    title.remove();
    marks.push(mark);
  }
  if (marks.length === 0) return false;
  const tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.setAttribute('aria-hidden', 'true');
  tip.hidden = true;
  host.append(tip);
  const show = (target: EventTarget | null): void => {
    if (!(target instanceof SVGElement) || target.dataset.tip === undefined) return;
    const at = target.getBoundingClientRect();
    const origin = host.getBoundingClientRect();
    tip.textContent = target.getAttribute('aria-label');
    tip.style.left = `${at.left + at.width / 2 - origin.left}px`;
    tip.style.top = `${at.top - origin.top}px`;
    tip.hidden = false;
  };
  const hide = (): void => void (tip.hidden = true);
  figure.addEventListener('pointerover', (event) => show(event.target));
  figure.addEventListener('pointerleave', hide);
  figure.addEventListener('focusin', (event) => show(event.target));
  figure.addEventListener('focusout', hide);
  figure.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    const at = marks.indexOf(event.target as SVGElement);
    if (key === 'Escape') return hide();
    if (at < 0) return;
    const step = STEPS[key];
    if (step === undefined) return;
    const next = Math.max(0, Math.min(marks.length - 1, at + step));
    event.preventDefault();
    marks[at]?.setAttribute('tabindex', '-1');
    marks[next]?.setAttribute('tabindex', '0');
    marks[next]?.focus();
  });
  return true;
}
