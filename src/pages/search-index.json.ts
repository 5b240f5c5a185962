import type { APIRoute } from 'astro';
import { readMonthFacts } from '../site/buildEnv.ts';
import { readGuidance } from '../site/guidance/index.ts';
import { readPublicInsights } from '../site/buildEnv.ts';
import { buildSearchIndex } from '../site/guidance/searchIndex.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(buildSearchIndex(readGuidance(readMonthFacts()), readPublicInsights())), {
    headers: { 'content-type': 'application/json' },
  });
