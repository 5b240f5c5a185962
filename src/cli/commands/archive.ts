import { CarsError } from '../../lib/errors.ts';
import { parseMonth } from '../../lib/month.ts';
import { ARCHIVE_KEY_FILE, PUBLISHED_KEY_FILE, listArchivedMonths, rewrapArchive, runArchive } from '../../tools/archive/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';
import { archiveDirOption, flagOption, monthOption, outOption, secretsOption, workOption } from '../options.ts';

export const archive: Command = {
  name: 'archive',
  summary: 'freeze a built month into a tar + signed manifest of SHA-256 digests; --rewrap updates archived keyrings',
  usage:
    'archive --month YYYY-MM [--out DIR] [--work DIR] [--archive-dir DIR] [--secrets DIR] [--force] | archive --rewrap [--month YYYY-MM] [--secrets DIR]',
  options: {
    month: monthOption('month to archive (with --rewrap: only this month, default every archived month)'),
    out: outOption('published output folder holding <month>/'),
    work: workOption('work folder of the build (input digests, policy)'),
    'archive-dir': archiveDirOption('where <month>.tar and <month>.manifest.json go'),
    force: flagOption('replace an existing archive of the month'),
    rewrap: flagOption("re-wrap archived keyrings for the registry's current recipients (data files untouched)"),
    secrets: secretsOption('secrets folder: archive signing key (made on first use), and data keys with --rewrap'),
  },
  async run(values) {
    const archiveDir = String(values['archive-dir'] ?? 'archive');
    const secrets = String(values.secrets ?? 'secrets');
    if (values.rewrap) {
      const months = typeof values.month === 'string' ? [parseMonth(values.month)] : await listArchivedMonths(archiveDir);
      if (months.length === 0) throw new CarsError('no archived months', archiveDir);
      for (const month of months) {
        const result = await rewrapArchive(archiveDir, month, secrets);
        console.log(`${month}: ${result.rewritten.length} keyrings re-wrapped, ${result.unchanged.length} unchanged`);
      }
      return 0;
    }
    if (typeof values.month !== 'string') throw new CarsError('missing option', '--month YYYY-MM', 'cars archive');
    const ws = toWorkspace({ work: values.work as string, out: values.out as string, month: parseMonth(values.month) });
    const manifest = await runArchive(ws, { archiveDir, secrets, force: Boolean(values.force) });
    console.log(
      `${ws.month}: ${manifest.files.length} files, ${manifest.archive.bytes} bytes → ${archiveDir}/${manifest.archive.file} (sha256 ${manifest.archive.sha256})`,
    );
    console.log(`manifest signed with Ed25519; public key in ${archiveDir}/${ARCHIVE_KEY_FILE} and ${ws.out}/${PUBLISHED_KEY_FILE}`);
    return 0;
  },
};
