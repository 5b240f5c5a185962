import { join } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { PUBLISHED_KEY_FILE, runVerify, toVerifyText } from '../../pipeline/archive/index.ts';
import type { Command } from '../command.ts';

export const verify: Command = {
  name: 'verify',
  summary: 'check an archive manifest’s signature, then the tar, manifest or month folder against it; non-zero exit on any difference',
  usage: 'verify PATH [--manifest FILE] [--archive-dir DIR] [--key FILE] [--out DIR] [--json]',
  allowPositionals: true,
  options: {
    manifest: {
      type: 'string',
      description: 'archive manifest to check against (default: beside the tar, or <archive-dir>/<month>.manifest.json)',
      placeholder: 'FILE',
    },
    'archive-dir': { type: 'string', default: 'archive', description: 'where to find the manifest of a month folder', placeholder: 'DIR' },
    key: {
      type: 'string',
      description:
        'Ed25519 public key (PEM) to check the manifest signature with (default: <out>/archive-signing-key.pem, else the one beside the archive)',
      placeholder: 'FILE',
    },
    out: { type: 'string', default: 'dist', description: 'published output folder holding archive-signing-key.pem', placeholder: 'DIR' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  async run(values, positionals) {
    if (positionals.length !== 1) throw new CarsError('give exactly one PATH', positionals.join(' ') || 'none', 'cars verify');
    const report = await runVerify(positionals[0] as string, {
      manifest: values.manifest as string | undefined,
      archiveDir: values['archive-dir'] as string,
      key: values.key as string | undefined,
      publishedKey: join(String(values.out ?? 'dist'), PUBLISHED_KEY_FILE),
    });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else for (const line of toVerifyText(report)) console.log(line);
    return report.ok ? 0 : 1;
  },
};
