import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { MONTH_PATTERN } from '../../lib/month.ts';
import { readArchiveManifest, readSignedManifest, type ArchiveManifest, type ArchivedFile } from './manifest.ts';
import { digestMonthFiles, mapLimited } from './monthFiles.ts';
import { ARCHIVE_KEY_FILE, readPublicKey, toKeyId } from './signing.ts';
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
  /** The public key the manifest signature verified with; `besideArchive` when not an independent copy. */
  signature: { keyFile: string; keyId: string; besideArchive: boolean };
  ok: boolean;
}

export interface VerifyOptions {
  manifest?: string;
  archiveDir?: string;
  /** Public key to check the manifest signature with (`--key`). */
  key?: string;
  /** The copy published with the site, used when it exists and no `key` is given. */
  publishedKey?: string;
}

/** `--key`, else the published copy, else the one beside the archive (which whoever can rewrite the archive can replace). */
async function chooseKeyFile(options: VerifyOptions, manifestPath: string): Promise<{ keyFile: string; besideArchive: boolean }> {
  if (options.key) return { keyFile: options.key, besideArchive: false };
  if (options.publishedKey && (await stat(options.publishedKey).catch(() => undefined)))
    return { keyFile: options.publishedKey, besideArchive: false };
  return { keyFile: join(dirname(manifestPath), ARCHIVE_KEY_FILE), besideArchive: true };
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
    if (basename(manifest.archive.file) !== manifest.archive.file) throw new CarsError('archive file name is not a plain name', path);
    return { manifestPath: path, tar: join(dirname(path), manifest.archive.file) };
  }
  if (path.endsWith('.tar')) return { manifestPath: manifestPath ?? path.replace(/\.tar$/, '.manifest.json'), tar: path };
  throw new CarsError('verify takes a .tar, a .manifest.json or a month folder', path);
}

/** Check the manifest's signature (an error when it fails), then an archive or a month folder against it, file by file. */
export async function runVerify(path: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const target = await resolveVerifyTarget(path, options.manifest, options.archiveDir);
  const { keyFile, besideArchive } = await chooseKeyFile(options, target.manifestPath);
  const publicKey = await readPublicKey(keyFile);
  const manifest: ArchiveManifest = await readSignedManifest(target.manifestPath, publicKey, keyFile);
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
  const signature = { keyFile, keyId: toKeyId(publicKey), besideArchive };
  return {
    month: manifest.month,
    target: target.tar ?? (target.folder as string),
    checked: found.length,
    ...diff,
    archiveAltered,
    signature,
    ok,
  };
}

export function toVerifyText(report: VerifyReport): string[] {
  const lines = [
    ...report.altered.map((p) => `altered: ${p}`),
    ...report.missing.map((p) => `missing: ${p}`),
    ...report.extra.map((p) => `extra: ${p}`),
  ];
  if (report.archiveAltered) lines.push(`altered: the archive file itself (digest differs from the manifest)`);
  lines.push(`signature: manifest signed by key sha256 ${report.signature.keyId.slice(0, 16)}… (${report.signature.keyFile})`);
  if (report.signature.besideArchive)
    lines.push('note: that key lies beside the archive; for an independent check pass --key with the copy published on the site');
  lines.push(
    report.ok
      ? `ok: ${report.month} — ${report.checked} files match the manifest (${report.target})`
      : `FAILED: ${report.month} — ${report.altered.length} altered, ${report.missing.length} missing, ${report.extra.length} extra (${report.target})`,
  );
  return lines;
}
