import { access, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { readIngestManifest, toInputRejects } from '../../pipeline/ingest/index.ts';
import { readPartitionManifest } from '../../pipeline/partition/read.ts';
import type { Workspace } from '../../pipeline/workspace.ts';
import { toManifestPath, toTarPath, writeArchiveManifest, type ArchiveManifest } from './manifest.ts';
import { digestMonthFiles, listMonthFiles, toTarSources } from './monthFiles.ts';
import { readSigningKey, writePublicKey } from './signing.ts';
import { writeTar } from './tar.ts';

const PACKAGE_JSON = new URL('../../../package.json', import.meta.url);

export interface ArchiveOptions {
  archiveDir: string;
  /** Secrets folder holding the archive signing key (made on first use). */
  secrets: string;
  /** Replace an existing archive of the month (archives are meant to be frozen). */
  force?: boolean;
  /** Fixed clock for tests; defaults to now. */
  now?: Date;
}

export async function readToolVersion(): Promise<{ tool: string; toolVersion: string }> {
  const pkg = z.object({ name: z.string(), version: z.string() }).parse(JSON.parse(await readFile(PACKAGE_JSON, 'utf8')));
  return { tool: pkg.name, toolVersion: pkg.version };
}

/**
 * Freeze `<out>/<month>/` into `<archiveDir>/<month>.tar` plus `<month>.manifest.json` and its Ed25519
 * signature; the public key goes beside them and to `<out>/archive-signing-key.pem` (outside every month).
 */
export async function runArchive(ws: Workspace, options: ArchiveOptions): Promise<ArchiveManifest> {
  const monthDir = join(ws.out, ws.month);
  const archiveDir = resolve(options.archiveDir);
  const partition = await readPartitionManifest(ws).catch((error: unknown) => {
    throw new CarsError('build metadata not found: archive from the work folder the month was built in', ws.work, (error as Error).message);
  });
  const ingest = await readIngestManifest(ws);
  const listed = await listMonthFiles(monthDir);
  if (listed.length === 0) throw new CarsError('month folder is empty', monthDir);
  const files = await digestMonthFiles(monthDir);
  const key = await readSigningKey(options.secrets, true);
  await mkdir(archiveDir, { recursive: true });
  const tarPath = toTarPath(archiveDir, ws.month);
  const exists = await access(tarPath).then(
    () => true,
    () => false,
  );
  if (exists && !options.force) throw new CarsError('month already archived (use --force to replace it)', tarPath);
  const tmp = `${tarPath}.tmp-${process.pid}`;
  try {
    await writeTar(tmp, toTarSources(monthDir, ws.month, files));
    // A file rewritten while the tar was written would make digests and tar disagree.
    const after = await digestMonthFiles(monthDir);
    if (JSON.stringify(after) !== JSON.stringify(files)) throw new CarsError('month folder changed while archiving', monthDir);
    await rename(tmp, tarPath);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const newest = Math.max(...listed.map((f) => f.mtimeMs));
  const manifest: ArchiveManifest = {
    format: 'cars-archive',
    version: 1,
    month: ws.month,
    archive: { file: basename(tarPath), bytes: (await stat(tarPath)).size, sha256: await sha256File(tarPath) },
    files,
    build: {
      ...(await readToolVersion()),
      builtAt: new Date(newest).toISOString(),
      archivedAt: (options.now ?? new Date()).toISOString(),
      inputDigests: partition.inputDigests,
      policy: partition.policy,
      inputRejects: toInputRejects(ingest),
    },
    rewraps: [],
  };
  const signed = await writeArchiveManifest(toManifestPath(archiveDir, ws.month), manifest, key);
  await writePublicKey(key, archiveDir, ws.out);
  return signed;
}
