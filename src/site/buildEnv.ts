// Build-time only: read the site stage's settings inside Astro page frontmatter.
import { readFileSync } from 'node:fs';
import { MONTH_PATTERN } from '../shared/month.ts';
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

/** Every published month, newest first, always with `month` (the one being built). */
export function readSiteMonths(month: string): string[] {
  const parsed: unknown = JSON.parse(process.env.CARS_SITE_MONTHS ?? '[]');
  if (!Array.isArray(parsed) || !parsed.every((m) => typeof m === 'string' && MONTH_PATTERN.test(m))) {
    throw new Error(`CARS_SITE_MONTHS must be a JSON array of months YYYY-MM: ${String(process.env.CARS_SITE_MONTHS)}`);
  }
  return [...new Set([...parsed, month])].sort().reverse();
}

export interface PublicInsight {
  id: string;
  title: string;
  date: string;
  html: string;
}

/** The month's public insight notes (rendered and sanitised by the insights stage), oldest first; none when the stage did not run. */
export function readPublicInsights(): PublicInsight[] {
  const file = process.env.CARS_SITE_INSIGHTS;
  if (!file) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const notes = (parsed as { notes?: unknown }).notes;
  const valid = (n: unknown): n is PublicInsight & { audience: string } =>
    typeof n === 'object' &&
    n !== null &&
    ['id', 'title', 'date', 'html'].every((k) => typeof (n as Record<string, unknown>)[k] === 'string') &&
    (n as { audience?: unknown }).audience === 'public';
  if (!Array.isArray(notes) || !notes.every(valid)) throw new Error(`CARS_SITE_INSIGHTS must hold public notes only: ${file}`);
  return notes.map(({ id, title, date, html }) => ({ id, title, date, html })).sort((a, b) => a.date.localeCompare(b.date));
}

/** The month's facts the site stage wrote (`CARS_SITE_FACTS`); none in a development build. */
export function readMonthFacts(): MonthFacts | undefined {
  const file = process.env.CARS_SITE_FACTS;
  if (!file) return undefined;
  const parsed = monthFactsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`CARS_SITE_FACTS does not hold the month's facts: ${file}`);
  return parsed.data;
}
