import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { MONTH_PATTERN } from '../../lib/month.ts';
import { readArchiveManifest, type ArchiveManifest, type ArchivedFile } from './manifest.ts';
import { digestMonthFiles, mapLimited } from './monthFiles.ts';
import { readTarEntries, readTarEntry } from './tar.ts';

export interface VerifyReport {
  month: string;
  /** What was checked: the tar or the month folder. */
  target: string;
  checked: number;
  altered: string[];
  missing: string[];
  extra: string[];
  /** The tar's own digest differs from the manifest (also when every entry matches). */
  archiveAltered: boolean;
  ok: boolean;
}

/** Compare found files with the manifest's list: every altered, missing and extra path. */
export function toDifferences(
  expected: readonly ArchivedFile[],
  found: readonly ArchivedFile[],
): Pick<VerifyReport, 'altered' | 'missing' | 'extra'> {
  const want = new Map(expected.map((f) => [f.path, f]));
  const have = new Map(found.map((f) => [f.path, f]));
  const altered = [...have.values()].filter(
    (f) => want.has(f.path) && (want.get(f.path)?.sha256 !== f.sha256 || want.get(f.path)?.bytes !== f.bytes),
  );
  return {
    altered: altered.map((f) => f.path).sort(),
    missing: [...want.keys()].filter((p) => !have.has(p)).sort(),
    extra: [...have.keys()].filter((p) => !want.has(p)).sort(),
  };
}

async function digestTar(tarPath: string, month: string): Promise<{ files: ArchivedFile[]; outside: string[] }> {
  const entries = await readTarEntries(tarPath);
  const outside = entries.filter((e) => !e.path.startsWith(`${month}/`)).map((e) => e.path);
  const files = await mapLimited(
    entries.filter((e) => e.path.startsWith(`${month}/`)),
    1,
    async (entry) => {
      const hash = createHash('sha256');
      for await (const chunk of readTarEntry(tarPath, entry)) hash.update(chunk);
      return { path: entry.path.slice(month.length + 1), bytes: entry.size, sha256: hash.digest('hex') };
    },
  );
  return { files, outside };
}

/** Which manifest and what to check for a PATH: a `.tar`, a `.manifest.json`, or a month folder. */
export async function resolveVerifyTarget(
  path: string,
  manifestPath?: string,
  archiveDir = 'archive',
): Promise<{ manifestPath: string; tar?: string; folder?: string }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new CarsError('nothing to verify at', path);
  if (info.isDirectory()) {
    const month = basename(path);
    if (!manifestPath && !MONTH_PATTERN.test(month)) throw new CarsError('folder is not a month folder (pass --manifest)', path);
    return { manifestPath: manifestPath ?? join(archiveDir, `${month}.manifest.json`), folder: path };
  }
  if (path.endsWith('.manifest.json')) {
    const manifest = await readArchiveManifest(path);
    return { manifestPath: path, tar: join(dirname(path), manifest.archive.file) };
  }
  if (path.endsWith('.tar')) return { manifestPath: manifestPath ?? path.replace(/\.tar$/, '.manifest.json'), tar: path };
  throw new CarsError('verify takes a .tar, a .manifest.json or a month folder', path);
}

/** Check an archive (or a month folder) against its manifest, file by file. */
export async function runVerify(path: string, options: { manifest?: string; archiveDir?: string } = {}): Promise<VerifyReport> {
  const target = await resolveVerifyTarget(path, options.manifest, options.archiveDir);
  const manifest: ArchiveManifest = await readArchiveManifest(target.manifestPath);
  let found: ArchivedFile[];
  let archiveAltered = false;
  let outside: string[] = [];
  if (target.tar) {
    const tarFile = target.tar;
    if (!(await stat(tarFile).catch(() => undefined))) throw new CarsError('archive file not found', tarFile);
    ({ files: found, outside } = await digestTar(tarFile, manifest.month));
    archiveAltered = (await sha256File(tarFile)) !== manifest.archive.sha256;
  } else {
    found = await digestMonthFiles(target.folder as string);
  }
  const diff = toDifferences(manifest.files, found);
  diff.extra = [...diff.extra, ...outside].sort();
  const ok = !archiveAltered && diff.altered.length + diff.missing.length + diff.extra.length === 0;
  return { month: manifest.month, target: target.tar ?? (target.folder as string), checked: found.length, ...diff, archiveAltered, ok };
}

export function toVerifyText(report: VerifyReport): string[] {
  const lines = [
    ...report.altered.map((p) => `altered: ${p}`),
    ...report.missing.map((p) => `missing: ${p}`),
    ...report.extra.map((p) => `extra: ${p}`),
  ];
  if (report.archiveAltered) lines.push(`altered: the archive file itself (digest differs from the manifest)`);
  lines.push(
    report.ok
      ? `ok: ${report.month} — ${report.checked} files match the manifest (${report.target})`
      : `FAILED: ${report.month} — ${report.altered.length} altered, ${report.missing.length} missing, ${report.extra.length} extra (${report.target})`,
  );
  return lines;
}
