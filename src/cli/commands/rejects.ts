import { parseMonth } from '../../lib/month.ts';
import { CarsError } from '../../lib/errors.ts';
import { toTerminalText as shown } from '../../lib/terminalText.ts';
import { readRejectRows } from '../../pipeline/ingest/rejects.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';
import { flagOption, monthOption, textOption, workOption } from '../options.ts';

export const rejects: Command = {
  name: 'rejects',
  summary: "print a month's rejected input rows (file, line, column, reason, value)",
  usage: 'rejects --month YYYY-MM [--file F] [--reason R] [--limit N] [--json] [--work DIR]',
  options: {
    month: monthOption(),
    file: textOption('F', 'only this input file (e.g. service_requests.csv, or 2025-10/service_requests.csv)'),
    reason: textOption('R', 'only reasons containing this text'),
    limit: textOption('N', 'print at most N rows', '50'),
    json: flagOption('print JSON'),
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
      console.log(JSON.stringify({ matching, rows }, null, 2));
      return 0;
    }
    for (const r of rows)
      console.log(`${shown(r.file)}:${r.line}:${r.column} ${r.reason}${r.value === null ? '' : ` [${shown(r.value)}]`}`);
    console.log(`${rows.length} of ${matching} matching rejected rows shown`);
    return 0;
  },
};
