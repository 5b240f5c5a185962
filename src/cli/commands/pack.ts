import { parseMonth } from '../../lib/month.ts';
import { runPackPdfAndPublish } from '../../pipeline/build.ts';
import { runPackCsv } from '../../pipeline/pack-csv/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';
import { flagOption, monthOption, outOption, partyOption, secretsOption, workOption } from '../options.ts';

export const pack: Command = {
  name: 'pack',
  summary: 'per party: CSV data files (before seal) and the PDF of the report (after site, then sealed and published)',
  usage: 'pack --month YYYY-MM [--out DIR] [--work DIR] [--secrets DIR] [--csv | --pdf] [--party P] [--require-pdf]',
  options: {
    month: monthOption(),
    out: outOption(),
    work: workOption('private work folder'),
    secrets: secretsOption('secrets folder (data keys)'),
    csv: flagOption('only the CSV files (into work/<month>/pack-csv; run seal and site after)'),
    pdf: flagOption('only the PDFs (default when neither is given)'),
    party: partyOption('only this party (PDF)'),
    'require-pdf': flagOption('fail when no Chromium is found instead of skipping the PDFs'),
  },
  async run(values) {
    const ws = toWorkspace({ work: values.work as string, out: values.out as string, month: parseMonth(String(values.month ?? '')) });
    if (values.csv) await runPackCsv(ws);
    if (values.pdf || !values.csv) {
      const result = await runPackPdfAndPublish(ws, {
        secrets: String(values.secrets ?? 'secrets'),
        requirePdf: Boolean(values['require-pdf']),
        parties: typeof values.party === 'string' ? [values.party] : undefined,
      });
      for (const p of result.parties)
        console.log(
          `${p.partyId}: ${p.pages} pages, ${p.bytes} bytes, ${p.seconds.toFixed(1)}s (open ${p.phases.open.toFixed(2)}s, ` +
            `first print ${p.phases.draft.toFixed(2)}s, final ${p.phases.final.toFixed(2)}s)${p.ready ? '' : ' (not print-ready)'}`,
        );
    }
    return 0;
  },
};
