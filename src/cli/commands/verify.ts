import { CarsError } from '../../lib/errors.ts';
import { runVerify, toVerifyText } from '../../pipeline/archive/index.ts';
import type { Command } from '../command.ts';

export const verify: Command = {
  name: 'verify',
  summary: 'check an archived month (tar, manifest or month folder) against its manifest; non-zero exit on any difference',
  usage: 'verify PATH [--manifest FILE] [--archive-dir DIR] [--json]',
  allowPositionals: true,
  options: {
    manifest: {
      type: 'string',
      description: 'archive manifest to check against (default: beside the tar, or <archive-dir>/<month>.manifest.json)',
      placeholder: 'FILE',
    },
    'archive-dir': { type: 'string', default: 'archive', description: 'where to find the manifest of a month folder', placeholder: 'DIR' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  async run(values, positionals) {
    if (positionals.length !== 1) throw new CarsError('give exactly one PATH', positionals.join(' ') || 'none', 'cars verify');
    const report = await runVerify(positionals[0] as string, {
      manifest: values.manifest as string | undefined,
      archiveDir: values['archive-dir'] as string,
    });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else for (const line of toVerifyText(report)) console.log(line);
    return report.ok ? 0 : 1;
  },
};
