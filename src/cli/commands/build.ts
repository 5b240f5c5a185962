import { parseMonth } from '../../lib/month.ts';
import { parseStages, runBuild, STAGES } from '../../pipeline/build.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import { parseRejectRates, requireOption } from '../args.ts';
import type { Command } from '../command.ts';
import {
  archiveDirOption,
  dataOption,
  flagOption,
  maxRejectRateOption,
  monthOption,
  outOption,
  secretsOption,
  textOption,
  workOption,
} from '../options.ts';

export const build: Command = {
  name: 'build',
  summary: 'build one month: ingest, metrics, partition, privacy audit, downloads, seal, site, PDF, host config',
  usage: 'build --data DIR --month YYYY-MM [--out DIR] [--work DIR] [--secrets DIR] [--insights DIR] [--stages LIST]',
  options: {
    data: dataOption(),
    month: monthOption(),
    out: outOption(),
    work: workOption('private work folder (plaintext stage files)'),
    secrets: secretsOption('secrets folder (recipients, keys)'),
    host: textOption('DIR', 'host configuration folder (nginx, Azure)', 'host'),
    insights: textOption('DIR', 'insight notes of the analytics team, <DIR>/<YYYY-MM>/*.md', 'content/insights'),
    'archive-dir': archiveDirOption('archive folder (its keyrings follow recipient changes)'),
    stages: textOption('LIST', `comma-separated subset of ${STAGES.join(',')} (default all)`),
    'max-reject-rate': maxRejectRateOption("largest fraction of a file's rows rejected"),
    'no-bootstrap': flagOption('do not create a first recipient for parties without one'),
    'require-pdf': flagOption('fail when no Chromium is found for the PDF pack'),
    'no-pdf': flagOption('skip the PDF pack'),
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
      ...parseRejectRates(values['max-reject-rate']),
      bootstrap: !values['no-bootstrap'],
      stages: parseStages(values.stages as string | undefined),
      insights: values.insights as string,
    });
  },
};
