import { REPORT_ITEMS } from '../shared/reportItems.ts';

// Public: the report item registry the microsite lays its pages out from (the same for every party).
export function GET(): Response {
  return new Response(JSON.stringify(REPORT_ITEMS), { headers: { 'content-type': 'application/json' } });
}
