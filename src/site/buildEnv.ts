// Build-time only: read the site stage's settings inside Astro page frontmatter.
import { readFileSync } from 'node:fs';

export function readSiteSlugs(): string[] {
  const file = process.env.CARS_SITE_SLUGS;
  if (!file) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string' && /^[A-Za-z0-9_-]{4,128}$/.test(s))) {
    throw new Error(`CARS_SITE_SLUGS must hold a JSON array of slugs: ${file}`);
  }
  return parsed;
}
