import { parseMonth } from '../../lib/month.ts';
import { runAudit, toFindingLine } from '../../pipeline/audit/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import { requireOption } from '../args.ts';
import type { Command } from '../command.ts';
import { flagOption, monthOption, workOption } from '../options.ts';

export const audit: Command = {
  name: 'audit',
  summary: "privacy audit of a partitioned month, from each party's own files",
  usage: 'audit --month YYYY-MM [--work DIR] [--json]',
  options: { month: monthOption(), work: workOption(), json: flagOption('print the report as JSON') },
  async run(values) {
    const month = parseMonth(requireOption(values.month, '--month'));
    const report = await runAudit(toWorkspace({ work: values.work as string, month }));
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else for (const finding of report.findings) console.log(toFindingLine(finding));
    return report.findings.length > 0 ? 1 : 0;
  },
};
