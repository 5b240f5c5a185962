import { createHash } from 'node:crypto';
import type { APIRoute } from 'astro';
import { readSiteSlugs } from '../site/buildEnv.ts';

// SHA-256 of each party slug with a report this month: the month switcher probes only months listing its own slug's hash.
export const GET: APIRoute = () => {
  const slugHashes = readSiteSlugs()
    .map((slug) => createHash('sha256').update(slug).digest('hex'))
    .sort();
  return new Response(JSON.stringify({ slugHashes }), { headers: { 'content-type': 'application/json' } });
};
