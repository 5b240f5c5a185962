import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { addMonths } from '../../lib/month.ts';
import { startProgress } from '../../lib/progress.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { COMPARED_MONTHS } from '../../shared/policy.ts';
import { buildAudit } from './core.ts';
import type { AuditMonth } from './input.ts';
import { readAuditMonth, readPartitionList } from './read.ts';
import { auditReportSchema, toCheckCounts, toFindingLine, type AuditReport } from './report.ts';

export { toFindingLine, toCheckCounts, type AuditReport, type Finding } from './report.ts';
export const AUDIT_REPORT_FILE = 'audit-report.json';

/** Last month needs only the monthly figures and the inventory (checks d and g). */
const NOT_NEEDED_LAST_MONTH = [
  'item_daily',
  'item_failures',
  'item_codes',
  'alerts_daily',
  'item_peers',
  'league',
  'installs_daily',
  'root_causes',
];

/** Months before last that a reader may still compare with (up to a year back, as the metrics stage's month rule): their monthly figures only. */
async function readOlderMonths(ws: Workspace): Promise<AuditMonth[]> {
  const older: AuditMonth[] = [];
  for (let back = 2; back <= COMPARED_MONTHS; back += 1) {
    const month = await readAuditMonth(ws.work, addMonths(ws.month, -back), [...NOT_NEEDED_LAST_MONTH, 'inventory_peers']);
    if (month) older.push(month);
  }
  return older;
}

/** Privacy audit of a partitioned month, from each party's own files; writes `<work>/<month>/audit/audit-report.json`. */
export async function runAudit(ws: Workspace): Promise<AuditReport> {
  const started = performance.now();
  const list = await readPartitionList(ws.work, ws.month);
  if (!list) throw new CarsError('no partitions for this month: run the partition stage first', stageDir(ws, 'partition'));
  const readers = list.parties.length;
  // the bar covers reading the partitions, then checking each reader
  const progress = startProgress(`audit ${ws.month}`, 2 * readers);
  const month = (await readAuditMonth(ws.work, ws.month, [], (done) => progress.tick(done)))!;
  const previousMonth = addMonths(ws.month, -1);
  const previous = await readAuditMonth(ws.work, previousMonth, NOT_NEEDED_LAST_MONTH);
  const older = await readOlderMonths(ws);
  const outcome = buildAudit(month, previous, (done) => progress.tick(readers + done), older);
  const seconds = Math.round(performance.now() - started) / 1000;
  const report = auditReportSchema.parse({ month: ws.month, previousMonth: previous ? previousMonth : null, ...outcome, seconds });
  await writeDirAtomic(stageDir(ws, 'audit'), (dir) => writeFile(join(dir, AUDIT_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`));
  const counts = Object.entries(toCheckCounts(report.findings))
    .filter(([, n]) => n > 0)
    .map(([check, n]) => `${check} ${n}`)
    .join(', ');
  progress.end(
    `${report.readers} readers, ${report.cellsChecked} cells checked, ${report.findings.length} findings${counts ? ` (${counts})` : ''}${previous ? `, compared with ${previousMonth}` : ''}`,
  );
  return report;
}

const SHOWN_FINDINGS = 20;

/** The build stops on any finding, before anything is sealed or published. */
export function requireCleanAudit(ws: Workspace, report: AuditReport): void {
  if (report.findings.length === 0) return;
  const lines = report.findings.slice(0, SHOWN_FINDINGS).map(toFindingLine);
  if (report.findings.length > SHOWN_FINDINGS) lines.push(`… ${report.findings.length - SHOWN_FINDINGS} more`);
  process.stderr.write(`${lines.join('\n')}\n`);
  throw new CarsError(
    'privacy audit found problems',
    `${report.findings.length} findings`,
    join(ws.work, ws.month, 'audit', AUDIT_REPORT_FILE),
  );
}
