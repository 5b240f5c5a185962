import { join } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { PUBLISHED_KEY_FILE, runVerify, toVerifyText } from '../../tools/archive/index.ts';
import type { Command } from '../command.ts';
import { archiveDirOption, flagOption, outOption, textOption } from '../options.ts';

export const verify: Command = {
  name: 'verify',
  summary: 'check an archive manifest’s signature, then the tar, manifest or month folder against it; non-zero exit on any difference',
  usage: 'verify PATH [--manifest FILE] [--archive-dir DIR] [--key FILE] [--out DIR] [--json]',
  allowPositionals: true,
  options: {
    manifest: textOption('FILE', 'archive manifest to check against (default: beside the tar, or <archive-dir>/<month>.manifest.json)'),
    'archive-dir': archiveDirOption('where to find the manifest of a month folder'),
    key: textOption(
      'FILE',
      'Ed25519 public key (PEM) to check the manifest signature with (default: <out>/archive-signing-key.pem, else the one beside the archive)',
    ),
    out: outOption('published output folder holding archive-signing-key.pem'),
    json: flagOption('print the report as JSON'),
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
