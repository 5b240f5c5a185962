import { parseMonth } from '../../lib/month.ts';
import { runAudit, toFindingLine } from '../../pipeline/audit/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import { requireOption } from '../args.ts';
import type { Command } from '../command.ts';

export const audit: Command = {
  name: 'audit',
  summary: "privacy audit of a partitioned month, from each party's own files",
  usage: 'audit --month YYYY-MM [--work DIR] [--json]',
  options: {
    month: { type: 'string', description: 'reporting month', placeholder: 'YYYY-MM' },
    work: { type: 'string', default: 'work', description: 'work folder of the build', placeholder: 'DIR' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  async run(values) {
    const month = parseMonth(requireOption(values.month, '--month'));
    const report = await runAudit(toWorkspace({ work: values.work as string, month }));
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else for (const finding of report.findings) console.log(toFindingLine(finding));
    return report.findings.length > 0 ? 1 : 0;
  },
};
