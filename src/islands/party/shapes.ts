import { ascending, rollups, sum } from 'd3-array';
import type { ReportItem } from '../../shared/reportItems.ts';
import type { PrintShapeName } from './printShapes.ts';
import type { ViewShapeName } from './viewShapes.ts';
import type { Cell, Row } from '../../site/arrowRows.ts';
import { toPercentPoints } from './format.ts';

/** Pure reshaping of a chart's selected rows into what it draws and tabulates. Counts are summed, rates recomputed. */
export type Shape = (rows: readonly Row[], options: ShapeOptions) => Row[];
export interface ShapeOptions {
  split?: string;
  /** Report items of the role, in registry order (item labels and order in print tables). */
  items?: readonly ReportItem[];
}

export const num = (v: Cell | undefined): number => (typeof v === 'number' ? v : 0);
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
/** A rate (0–1) as percent rounded to 0.1 (for differences, percentage points). */
export const toPct = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? toPercentPoints(v) : null);
export const published = (r: Row): boolean => r.industry_status === 'published';

/** Per business process: own success rate vs industry, industry pooled over the items whose industry figure is published. */
const processHeadlines: Shape = (rows) =>
  rollups(
    rows,
    (items): Row => {
      const shown = items.filter(published);
      const requests = sum(items, (r) => num(r.requests));
      const industryRequests = sum(shown, (r) => num(r.industry_requests));
      return {
        requests,
        failures: sum(items, (r) => num(r.failures)),
        success_rate: rate(
          sum(items, (r) => num(r.successes)),
          requests,
        ),
        industry_success_rate:
          shown.length > 0
            ? rate(
                sum(shown, (r) => num(r.industry_successes)),
                industryRequests,
              )
            : null,
        items_compared: `${shown.length} of ${items.length}`,
      };
    },
    (r) => String(r.business_process),
  ).map(([business_process, figures]) => ({ business_process, ...figures }));

/** Own place in each league: rank among the ranked parties; a league not published reads so, after the published ones. */
const leaguePositions: Shape = (rows) =>
  rollups(
    rows,
    (entries): Row => {
      const own = entries.find((r) => r.is_you === true);
      const ranked = entries.filter((r) => r.status === 'published').length;
      return {
        status: ranked > 0 ? 'published' : 'not published',
        rank: own?.rank ?? null,
        ranked_parties: ranked > 0 ? ranked : null,
        success_rate_pct: own?.success_rate_pct ?? null,
      };
    },
    (r) => String(r.business_process),
  )
    .map(([business_process, figures]): Row => ({ business_process, ...figures }))
    .sort((a, b) => Number(a.status !== 'published') - Number(b.status !== 'published'));

/** Incidents in the order they were opened (their ids need not be). */
const byOpening: Shape = (rows) =>
  [...rows].sort((a, b) => ascending(String(a.opened_at), String(b.opened_at)) || ascending(String(a.incident_id), String(b.incident_id)));

/** The overview's shapes, in the first view's code; every other view's are in viewShapes.ts, fetched with the first chart that asks. */
export const SHAPES = {
  processHeadlines,
  leaguePositions,
  byOpening,
} satisfies Record<string, Shape>;
/** The other views' and the print report's shapes live in their own chunks, fetched only when a chart asks for one. */
export type ShapeName = keyof typeof SHAPES | ViewShapeName | PrintShapeName;

export const toColumns = (rows: readonly Row[], fallback: readonly string[]): string[] => (rows[0] ? Object.keys(rows[0]) : [...fallback]);
