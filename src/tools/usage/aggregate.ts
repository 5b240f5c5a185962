import { toRequestPlace, type AreaResource } from './classify.ts';
import type { LogEntry } from './logLine.ts';
import { usageReportSchema, type PartyUsage, type SkippedLine, type UsageReport } from './report.ts';

/** A visit ends after 30 minutes without a request. */
export const SESSION_GAP_MS = 30 * 60_000;

interface AreaHit {
  time: number;
  user: string | undefined;
  party: string;
  month: string;
  resource: AreaResource;
}

interface Row extends PartyUsage {
  users: Set<string>;
}

export interface UsageInput {
  entries: LogEntry[];
  linesRead: number;
  linesSkipped: number;
  /** The first few skipped lines. */
  skipped: SkippedLine[];
  /** Party id per slug, from the recipient registry. */
  parties: ReadonlyMap<string, string>;
  /** Report this month only; else every month the log's party requests name. */
  month?: string;
}

/**
 * A 401 without a user name is the challenge a browser gets before it sends credentials (again for each
 * new folder, e.g. an earlier month's files): the normal sign-in, not a refusal.
 */
const isRefused = (e: LogEntry): boolean => e.status === 403 || (e.status === 401 && e.user !== undefined);

const isServed = (e: LogEntry): boolean => (e.method === 'GET' || e.method === 'HEAD') && [200, 206, 304].includes(e.status);

/** A recipient's requests to a party's area, split where 30 minutes pass without one. */
export function toSessions(hits: readonly AreaHit[]): AreaHit[][] {
  const byVisitor = Map.groupBy(hits, (h) => `${h.party}\t${h.user ?? '-'}`);
  const sessions: AreaHit[][] = [];
  for (const list of byVisitor.values()) {
    let current: AreaHit[] = [];
    for (const hit of [...list].sort((a, b) => a.time - b.time)) {
      if (current.length > 0 && hit.time - (current.at(-1) as AreaHit).time > SESSION_GAP_MS) {
        sessions.push(current);
        current = [];
      }
      current.push(hit);
    }
    if (current.length > 0) sessions.push(current);
  }
  return sessions;
}

const emptyRow = (party: string, month: string): Row => ({
  party,
  month,
  recipients: 0,
  visits: 0,
  reportOpens: 0,
  datasetsOpened: 0,
  datasets: {},
  downloads: 0,
  csvDownloads: 0,
  pdfDownloads: 0,
  refused: 0,
  firstVisit: null,
  lastVisit: null,
  users: new Set(),
});

function addHit(row: Row, hit: AreaHit): void {
  const r = hit.resource;
  if (r.kind === 'open') row.reportOpens++;
  if (r.kind === 'dataset') {
    row.datasetsOpened++;
    row.datasets[r.name] = (row.datasets[r.name] ?? 0) + 1;
  }
  if (r.kind === 'download') {
    row.downloads++;
    if (r.format === 'csv') row.csvDownloads++;
    else row.pdfDownloads++;
  }
  const at = new Date(hit.time).toISOString();
  if (row.firstVisit === null || at < row.firstVisit) row.firstVisit = at;
  if (row.lastVisit === null || at > row.lastVisit) row.lastVisit = at;
  if (hit.user !== undefined) row.users.add(hit.user);
}

/**
 * A visit counts for the months whose report it opened; the other months it touched are the report's
 * history (the trend fetches earlier months' keyrings and datasets) and count for nothing. A visit that
 * opened no report (it went on after a 30-minute pause) counts for every month it touched.
 */
function addSession(session: AreaHit[], rowOf: (party: string, month: string) => Row | undefined): void {
  const opened = new Set(session.filter((h) => h.resource.kind === 'open').map((h) => h.month));
  const months = opened.size > 0 ? opened : new Set(session.map((h) => h.month));
  const party = (session[0] as AreaHit).party;
  for (const month of months) {
    const row = rowOf(party, month);
    if (!row) continue;
    row.visits++;
    for (const hit of session.filter((h) => h.month === month)) addHit(row, hit);
  }
}

/** The usage report: per registry party and month, from parsed log entries. */
export function buildUsageReport(input: UsageInput): UsageReport {
  const served: AreaHit[] = [];
  const refused: AreaHit[] = [];
  const totals = { requests: input.entries.length, publicRequests: 0, partyRequests: 0, unknownAreaRequests: 0 };
  const inScope = (month: string): boolean => input.month === undefined || month === input.month;
  for (const entry of input.entries) {
    const place = entry.path === undefined ? ({ area: false } as const) : toRequestPlace(entry.path);
    if (!place.area) {
      totals.publicRequests++;
      continue;
    }
    if (!inScope(place.month)) continue;
    const party = input.parties.get(place.slug);
    if (party === undefined) {
      totals.unknownAreaRequests++;
      continue;
    }
    totals.partyRequests++;
    const hit = { time: entry.time, user: entry.user, party, month: place.month, resource: place.resource };
    if (isRefused(entry)) refused.push(hit);
    else if (isServed(entry)) served.push(hit);
  }
  const months = input.month !== undefined ? [input.month] : [...new Set([...served, ...refused].map((h) => h.month))].sort();
  const partyIds = [...new Set(input.parties.values())].sort();
  const rows = new Map(months.flatMap((m) => partyIds.map((p) => [`${p}\t${m}`, emptyRow(p, m)] as const)));
  const rowOf = (party: string, month: string): Row | undefined => rows.get(`${party}\t${month}`);
  for (const hit of refused) (rowOf(hit.party, hit.month) as Row).refused++;
  for (const session of toSessions(served)) addSession(session, rowOf);
  const parties = [...rows.values()].map(({ users, ...row }) => ({ ...row, recipients: users.size }));
  const sum = (key: 'visits' | 'reportOpens' | 'datasetsOpened' | 'downloads' | 'refused'): number =>
    parties.reduce((n, r) => n + r[key], 0);
  const recipients = new Set([...rows.values()].flatMap((r) => [...r.users].map((u) => `${r.party}\t${u}`))).size;
  return usageReportSchema.parse({
    linesRead: input.linesRead,
    linesSkipped: input.linesSkipped,
    skipped: input.skipped,
    months,
    totals: {
      ...totals,
      recipients,
      visits: sum('visits'),
      reportOpens: sum('reportOpens'),
      datasetsOpened: sum('datasetsOpened'),
      downloads: sum('downloads'),
      refused: sum('refused'),
    },
    parties,
    neverOpened: months.map((month) => ({
      month,
      parties: parties.filter((r) => r.month === month && r.reportOpens === 0).map((r) => r.party),
    })),
  });
}
