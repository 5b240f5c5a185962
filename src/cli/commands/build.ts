import { parseMonth } from '../../lib/month.ts';
import { parseStages, runBuild, STAGES } from '../../pipeline/build.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import { parseRate, requireOption } from '../args.ts';
import type { Command } from '../command.ts';

export const build: Command = {
  name: 'build',
  summary: 'build one month: ingest, metrics, partition, privacy audit, downloads, seal, site, PDF, host config',
  usage: 'build --data DIR --month YYYY-MM [--out DIR] [--work DIR] [--secrets DIR] [--stages LIST]',
  options: {
    data: { type: 'string', description: 'dataset folder holding <YYYY-MM>/ month folders', placeholder: 'DIR' },
    month: { type: 'string', description: 'reporting month', placeholder: 'YYYY-MM' },
    out: { type: 'string', default: 'dist', description: 'published output folder', placeholder: 'DIR' },
    work: { type: 'string', default: 'work', description: 'private work folder (plaintext stage files)', placeholder: 'DIR' },
    secrets: { type: 'string', default: 'secrets', description: 'secrets folder (recipients, keys)', placeholder: 'DIR' },
    host: { type: 'string', default: 'host', description: 'host configuration folder (nginx, Azure)', placeholder: 'DIR' },
    'archive-dir': {
      type: 'string',
      default: 'archive',
      description: 'archive folder (its keyrings follow recipient changes)',
      placeholder: 'DIR',
    },
    stages: { type: 'string', description: `comma-separated subset of ${STAGES.join(',')} (default all)`, placeholder: 'LIST' },
    'max-reject-rate': { type: 'string', default: '0', description: 'fraction of rejected rows allowed', placeholder: 'F' },
    'no-bootstrap': { type: 'boolean', description: 'do not create a first recipient for parties without one' },
    'require-pdf': { type: 'boolean', description: 'fail when no Chromium is found for the PDF pack' },
    'no-pdf': { type: 'boolean', description: 'skip the PDF pack' },
  },
  async run(values) {
    const month = parseMonth(requireOption(values.month, '--month'));
    const ws = toWorkspace({ work: values.work as string, out: values.out as string, month });
    await runBuild(ws, {
      data: requireOption(values.data, '--data'),
      secrets: values.secrets as string,
      host: values.host as string,
      archive: values['archive-dir'] as string,
      pdf: values['no-pdf'] ? 'off' : values['require-pdf'] ? 'required' : 'auto',
      maxRejectRate: parseRate(values['max-reject-rate'] as string),
      bootstrap: !values['no-bootstrap'],
      stages: parseStages(values.stages as string | undefined),
    });
  },
};
