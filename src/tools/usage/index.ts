import { createReadStream, existsSync } from 'node:fs';
import { chmod, mkdir, open, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join, resolve, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { CarsError } from '../../lib/errors.ts';
import { readRegistry } from '../../pipeline/seal/registry.ts';
import { buildUsageReport } from './aggregate.ts';
import { parseCombinedLine, type LogEntry } from './logLine.ts';
import { toUsageCsv, toUsageHtml } from './render.ts';
import type { SkippedLine, UsageReport } from './report.ts';

export { buildUsageReport, toSessions, SESSION_GAP_MS } from './aggregate.ts';
export { parseCombinedLine, normalisePath, parseLogTime } from './logLine.ts';
export { toUsageCsv, toUsageHtml } from './render.ts';
export { usageReportSchema, type UsageReport, type PartyUsage } from './report.ts';

/** Skipped lines shown by place and reason; all of them are counted. */
export const SKIPPED_SHOWN = 5;

async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await file.close();
  }
}

interface ParsedLogs {
  entries: LogEntry[];
  linesRead: number;
  linesSkipped: number;
  skipped: SkippedLine[];
}

/** Read access logs, plain or gzip-rotated (told by their first bytes), line by line. Empty lines are not lines of the log. */
export async function readAccessLogs(paths: readonly string[]): Promise<ParsedLogs> {
  const parsed: ParsedLogs = { entries: [], linesRead: 0, linesSkipped: 0, skipped: [] };
  for (const path of paths) {
    if (!existsSync(path)) throw new CarsError('log file not found', path, '--logs');
    const raw = createReadStream(path);
    const input = (await isGzip(path)) ? raw.pipe(createGunzip()) : raw;
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      parsed.linesRead++;
      const result = parseCombinedLine(text);
      if ('entry' in result) parsed.entries.push(result.entry);
      else {
        parsed.linesSkipped++;
        if (parsed.skipped.length < SKIPPED_SHOWN) parsed.skipped.push({ file: path, line, ...result.problem });
      }
    }
  }
  return parsed;
}

/** Read the logs and the registry's slugs, and build the report. */
export async function readUsageReport(options: { logs: readonly string[]; secrets: string; month?: string }): Promise<UsageReport> {
  if (options.logs.length === 0) throw new CarsError('no log files given', '--logs FILE...', 'cars usage');
  const registry = await readRegistry(options.secrets);
  if (registry.parties.length === 0) throw new CarsError('recipient registry holds no party', options.secrets, '--secrets');
  const parties = new Map(registry.parties.map((p) => [p.slug, p.partyId]));
  const logs = await readAccessLogs(options.logs);
  return buildUsageReport({ ...logs, parties, month: options.month });
}

/** Published output is never a place for the report: a folder under one holding `months.json` is refused. */
export function findPublishedAncestor(out: string): string | undefined {
  for (let dir = resolve(out); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'months.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Write `usage-<month|all>.{json,csv,html}` under `out`, readable by the owner only. */
export async function writeUsageReport(report: UsageReport, out: string, month?: string): Promise<string[]> {
  const dir = resolve(out);
  const published = findPublishedAncestor(dir);
  if (published !== undefined || dir.split(sep).includes('dist'))
    throw new CarsError('usage report must not be written into published output', dir, '--out');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const stem = join(dir, `usage-${month ?? 'all'}`);
  const files: [string, string][] = [
    [`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`],
    [`${stem}.csv`, toUsageCsv(report)],
    [`${stem}.html`, toUsageHtml(report)],
  ];
  for (const [path, text] of files) {
    await writeFile(path, text, { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return files.map(([path]) => path);
}
