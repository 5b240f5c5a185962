import { parseMonth } from '../../lib/month.ts';
import { readUsageReport, writeUsageReport, type UsageReport } from '../../tools/usage/index.ts';
import type { Command } from '../command.ts';
import { flagOption, monthOption, secretsOption, textOption } from '../options.ts';

const toSummaryLines = (report: UsageReport): string[] => [
  `log lines read ${report.linesRead}, skipped ${report.linesSkipped}`,
  ...report.skipped.map((s) => `  skipped ${s.file}:${s.line}:${s.column} ${s.reason}`),
  ...report.parties
    .filter((p) => p.visits > 0 || p.refused > 0)
    .map(
      (p) =>
        `  ${p.party.padEnd(12)} ${p.month}  recipients ${p.recipients}  visits ${p.visits}  opens ${p.reportOpens}  datasets ${p.datasetsOpened}  downloads ${p.downloads}`,
    ),
  ...report.neverOpened.map((n) => `  ${n.month} never opened: ${n.parties.length === 0 ? 'none' : n.parties.join(', ')}`),
];

export const usage: Command = {
  name: 'usage',
  summary: 'report who opened their report from the host access logs (per party and month)',
  usage: 'usage --logs FILE... [--month YYYY-MM] [--secrets DIR] [--out DIR] [--json]',
  allowPositionals: true,
  options: {
    logs: {
      type: 'string',
      multiple: true,
      description: 'nginx access logs, combined format, plain or .gz (more files may follow)',
      placeholder: 'FILE',
    },
    month: monthOption('only this reporting month (default: every month in the logs)'),
    secrets: secretsOption('secrets folder holding the recipient registry'),
    out: textOption('DIR', 'folder for the JSON, CSV and HTML report (never published)', 'reports/usage'),
    json: flagOption('print the JSON report'),
  },
  async run(values, positionals) {
    const logs = [...((values.logs as string[] | undefined) ?? []), ...positionals];
    const month = typeof values.month === 'string' ? parseMonth(values.month) : undefined;
    const report = await readUsageReport({ logs, secrets: values.secrets as string, month });
    const files = await writeUsageReport(report, values.out as string, month);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      for (const line of toSummaryLines(report)) console.log(line);
      console.log(`written: ${files.join(', ')}`);
    }
    return 0;
  },
};
