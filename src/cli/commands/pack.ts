import { parseMonth } from '../../lib/month.ts';
import { runPackCsv, runPackPdf } from '../../pipeline/pack/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';

export const pack: Command = {
  name: 'pack',
  summary: 'per party: CSV data files (before seal) and the PDF of the report (after site), sealed',
  usage: 'pack --month YYYY-MM [--out DIR] [--work DIR] [--secrets DIR] [--csv | --pdf] [--party P] [--require-pdf]',
  options: {
    month: { type: 'string', description: 'reporting month', placeholder: 'YYYY-MM' },
    out: { type: 'string', default: 'dist', description: 'published output folder', placeholder: 'DIR' },
    work: { type: 'string', default: 'work', description: 'private work folder', placeholder: 'DIR' },
    secrets: { type: 'string', default: 'secrets', description: 'secrets folder (data keys)', placeholder: 'DIR' },
    csv: { type: 'boolean', description: 'only the CSV files (into the partition; run seal and site after)' },
    pdf: { type: 'boolean', description: 'only the PDFs (default when neither is given)' },
    party: { type: 'string', description: 'only this party (PDF)', placeholder: 'P' },
    'require-pdf': { type: 'boolean', description: 'fail when no Chromium is found instead of skipping the PDFs' },
  },
  async run(values) {
    const ws = toWorkspace({ work: values.work as string, out: values.out as string, month: parseMonth(String(values.month ?? '')) });
    if (values.csv) await runPackCsv(ws);
    if (values.pdf || !values.csv) {
      const result = await runPackPdf(ws, {
        secrets: String(values.secrets ?? 'secrets'),
        requirePdf: Boolean(values['require-pdf']),
        parties: typeof values.party === 'string' ? [values.party] : undefined,
      });
      for (const p of result.parties)
        console.log(`${p.partyId}: ${p.pages} pages, ${p.bytes} bytes, ${p.seconds.toFixed(1)}s${p.ready ? '' : ' (not print-ready)'}`);
    }
    return 0;
  },
};
