import { parseMonth } from '../../lib/month.ts';
import { CarsError } from '../../lib/errors.ts';
import { toTerminalJson, toTerminalText as shown } from '../../lib/terminalText.ts';
import { readRejectRows } from '../../pipeline/ingest/rejects.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';
import { flagOption, monthOption, textOption, workOption } from '../options.ts';

/** Records are shown whole with --json; else one line each, cut to this many characters (then escaped). */
const RECORD_SHOWN = 160;

const toShortText = (record: string): string =>
  record.length > RECORD_SHOWN ? `${shown(record.slice(0, RECORD_SHOWN - 1))}…` : shown(record);

export const rejects: Command = {
  name: 'rejects',
  summary: "print a month's rejected input rows (file, line, column, reason, value) and their records",
  usage: 'rejects --month YYYY-MM [--file F] [--reason R] [--limit N] [--json] [--work DIR]',
  options: {
    month: monthOption(),
    file: textOption('F', 'only this input file (e.g. service_requests.csv, or 2025-10/service_requests.csv)'),
    reason: textOption('R', 'only reasons containing this text'),
    limit: textOption('N', 'print at most N rows', '50'),
    json: flagOption('print JSON, with whole records'),
    work: workOption(),
  },
  async run(values) {
    if (typeof values.month !== 'string') throw new CarsError('missing option', '--month YYYY-MM', 'cars rejects');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new CarsError('--limit must be a whole number from 1', String(values.limit), 'cars rejects');
    const ws = toWorkspace({ work: String(values.work), month: parseMonth(values.month) });
    const filter = { file: values.file as string | undefined, reason: values.reason as string | undefined, limit };
    const { rows, matching } = await readRejectRows(ws, filter);
    if (values.json) {
      console.log(toTerminalJson({ matching, rows }));
      return 0;
    }
    for (const r of rows) {
      console.log(`${shown(r.file)}:${r.line}:${r.column} ${r.reason}${r.value === null ? '' : ` [${shown(r.value)}]`}`);
      console.log(`  ${toShortText(r.record)}`);
    }
    console.log(`${rows.length} of ${matching} matching rejected rows shown`);
    return 0;
  },
};
