// Build-time only: read the site stage's settings inside Astro page frontmatter.
import { readFileSync } from 'node:fs';
import { monthFactsSchema, type MonthFacts } from '../shared/monthFacts.ts';

export function readSiteSlugs(): string[] {
  const file = process.env.CARS_SITE_SLUGS;
  if (!file) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string' && /^[A-Za-z0-9_-]{4,128}$/.test(s))) {
    throw new Error(`CARS_SITE_SLUGS must hold a JSON array of slugs: ${file}`);
  }
  return parsed;
}

/** The month's facts the site stage wrote (`CARS_SITE_FACTS`); none in a development build. */
export function readMonthFacts(): MonthFacts | undefined {
  const file = process.env.CARS_SITE_FACTS;
  if (!file) return undefined;
  const parsed = monthFactsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`CARS_SITE_FACTS does not hold the month's facts: ${file}`);
  return parsed.data;
}
