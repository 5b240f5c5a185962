// Build-time only: read the site stage's settings inside Astro page frontmatter.
import { readFileSync } from 'node:fs';
import { MONTH_PATTERN } from '../shared/month.ts';

export function readSiteSlugs(): string[] {
  const file = process.env.CARS_SITE_SLUGS;
  if (!file) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string' && /^[A-Za-z0-9_-]{4,128}$/.test(s))) {
    throw new Error(`CARS_SITE_SLUGS must hold a JSON array of slugs: ${file}`);
  }
  return parsed;
}

/** Every published month, newest first, always with `month` (the one being built). */
export function readSiteMonths(month: string): string[] {
  const parsed: unknown = JSON.parse(process.env.CARS_SITE_MONTHS ?? '[]');
  if (!Array.isArray(parsed) || !parsed.every((m) => typeof m === 'string' && MONTH_PATTERN.test(m))) {
    throw new Error(`CARS_SITE_MONTHS must be a JSON array of months YYYY-MM: ${String(process.env.CARS_SITE_MONTHS)}`);
  }
  return [...new Set([...parsed, month])].sort().reverse();
}
