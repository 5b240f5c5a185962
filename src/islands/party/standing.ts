import { ascending } from 'd3-array';
import type { ReportRole } from '../../shared/roles.ts';
import type { Cell, Row } from '../../site/arrowRows.ts';
import { SHAPES, toPct } from './shapes.ts';
import { toGrouped, toPercentText } from './format.ts';

/** One business process in "where you stand": rates are 0–1, differences and changes in percentage points. */
export interface Standing {
  process: string;
  rate: number | null;
  industryRate: number | null;
  diffPp: number | null;
  rank: number | null;
  ranked: number | null;
  changePp: number | null;
  /** Own rate per month, oldest first, for the sparkline (months without the process are left out). */
  series: { month: string; rate: number }[];
}

export interface MonthRows {
  month: string;
  /** `item_monthly` rows of the month (every role). */
  items: readonly Row[];
}

const asNumber = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const toPp = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : toPct(a - b));

const headlines = (rows: readonly Row[], role: ReportRole): Map<string, Row> =>
  new Map(
    SHAPES.processHeadlines(
      rows.filter((r) => r.role === role),
      {},
    ).map((r) => [String(r.business_process), r]),
  );

/** Own rank "N of M" in a process league; none when the league is not published. */
function toRank(league: readonly Row[], role: ReportRole, process: string): { rank: number | null; ranked: number | null } {
  const rows = league.filter((r) => r.role === role && r.business_process === process && r.status === 'published');
  const own = rows.find((r) => r.is_you === true);
  return own ? { rank: asNumber(own.rank), ranked: rows.length } : { rank: null, ranked: null };
}

/**
 * Where the party stands per business process this month, furthest below industry first (processes without an
 * industry figure last). `months` holds every built month the reader can open, oldest first, this month included.
 */
export function toStandings(months: readonly MonthRows[], league: readonly Row[], role: ReportRole, month: string): Standing[] {
  const byMonth = months.map((m) => ({ month: m.month, rows: headlines(m.items, role) }));
  const now = byMonth.find((m) => m.month === month)?.rows ?? new Map<string, Row>();
  const previous = byMonth.filter((m) => m.month < month).at(-1)?.rows;
  const standings = [...now].map(([process, row]): Standing => {
    const rate = asNumber(row.success_rate);
    const industryRate = asNumber(row.industry_success_rate);
    const series = byMonth.flatMap((m) => {
      const r = asNumber(m.rows.get(process)?.success_rate);
      return r === null ? [] : [{ month: m.month, rate: r }];
    });
    return {
      process,
      rate,
      industryRate,
      diffPp: toPp(rate, industryRate),
      ...toRank(league, role, process),
      changePp: previous ? toPp(rate, asNumber(previous.get(process)?.success_rate)) : null,
      series,
    };
  });
  return standings.sort((a, b) => (a.diffPp ?? Infinity) - (b.diffPp ?? Infinity) || ascending(a.process, b.process));
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** `2025-09` → `September 2025`. */
export const toMonthName = (month: string): string => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;

/** Rounded as the data tables round (format.ts), so a rate at an exact half reads the same in both. */
export const formatPct = toPercentText;
export const formatPp = (pp: number): string => `${toGrouped(Math.abs(pp), 1)} pp`;

function toSentence(s: Standing, previousMonth: string | undefined): string {
  const parts = [`${s.process}: ${s.rate === null ? 'no requests' : formatPct(s.rate)}`];
  if (s.diffPp === null) parts.push('industry figure withheld (too few other parties to publish it)');
  else parts.push(s.diffPp === 0 ? 'level with industry' : `${formatPp(s.diffPp)} ${s.diffPp < 0 ? 'below' : 'above'} industry`);
  if (s.rank !== null) parts.push(`${s.rank} of ${s.ranked}`);
  const change =
    s.changePp !== null && previousMonth
      ? ` — ${s.changePp === 0 ? 'unchanged from' : `${s.changePp < 0 ? 'down' : 'up'} ${formatPp(s.changePp)} on`} ${toMonthName(previousMonth)}`
      : '';
  return `${parts.join(', ')}${change}.`;
}

/** Three to five sentences: the count below industry, the processes furthest below, the strongest one. */
export function toStandingSentences(standings: readonly Standing[], previousMonth: string | undefined): string[] {
  const compared = standings.filter((s) => s.diffPp !== null);
  const below = compared.filter((s) => (s.diffPp ?? 0) < 0);
  const sentences = [
    compared.length === 0
      ? 'No industry figure could be published for your business processes this month.'
      : compared.length === 1
        ? `You were ${below.length === 1 ? 'below' : 'at or above'} industry in the one business process with an industry figure.`
        : below.length === 0
          ? `You were at or above industry in all ${compared.length} business processes with an industry figure.`
          : `You were below industry in ${below.length} of the ${compared.length} business processes with an industry figure.`,
  ];
  const worst = below.slice(0, 3);
  sentences.push(...worst.map((s) => toSentence(s, previousMonth)));
  const best = compared.at(-1);
  if (best && !worst.includes(best) && (best.diffPp ?? 0) >= 0) sentences.push(`Strongest: ${toSentence(best, previousMonth)}`);
  const withheld = standings.filter((s) => s.diffPp === null && s.rate !== null).length;
  if (withheld > 0 && sentences.length < 5)
    sentences.push(
      `The industry figure is withheld for ${withheld === 1 ? '1 process' : `${withheld} processes`}: too few other parties to publish it.`,
    );
  return sentences;
}
