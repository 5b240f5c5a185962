import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Records what must never happen on a page: console errors, CSP violations, requests to other origins. */
export function guardPage(page: Page, origin: string): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== origin) problems.push(`request left the origin: ${request.url()}`);
  });
  return { problems };
}

/** Every test of the file fails if its page logged an error, broke the CSP or left the origin. */
export function guardEveryTest(): void {
  let guard: { problems: string[] } = { problems: [] };
  test.beforeEach(({ page, baseURL }) => {
    guard = guardPage(page, new URL(baseURL ?? '').origin);
  });
  test.afterEach(() => {
    expect(guard.problems).toEqual([]);
  });
}

export async function expectNoAxeViolations(page: Page, where = ''): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const prefix = where ? `${where}: ` : '';
  expect(result.violations.map((v) => `${prefix}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
