/**
 * A small built output for host tests: the synthetic partition (tests/seal/syntheticPartition.ts)
 * sealed by the real seal stage, copied into `dist/<month>/u/<slug>/` next to the month's landing page
 * and an opaque HTML shell per party, plus the host config generated from the same registry. A later
 * month folder without a landing page stands for a month half copied to the host.
 */
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHostConfig } from '../../src/pipeline/host/index.ts';
import { runSeal, type SealManifest } from '../../src/pipeline/seal/index.ts';
import { writeSyntheticPartition } from '../seal/syntheticPartition.ts';

export interface BuiltSite {
  root: string;
  dist: string;
  host: string;
  secrets: string;
  month: string;
  manifest: SealManifest;
  /** Per party id: access key and host basic-auth credentials, as printed once by the bootstrap. */
  credentials: Record<string, { accessKey: string; user: string; password: string }>;
}

export async function buildSite(options: { listen?: string } = {}): Promise<BuiltSite> {
  const root = await mkdtemp(join(tmpdir(), 'cars-host-'));
  const month = '2025-01';
  const work = join(root, 'work');
  const dist = join(root, 'dist');
  const secrets = join(root, 'secrets');
  const host = join(root, 'host');
  await writeSyntheticPartition(work, month);
  const printed: string[] = [];
  const manifest = await runSeal({ work, out: dist, month }, { secrets, bootstrap: true, print: (l) => printed.push(l) });
  const credentials: BuiltSite['credentials'] = {};
  for (const line of printed) {
    const match = /^\s*(\w+)\t\S+\taccess key (\S+)\thost user (\S+) password (\S+)$/.exec(line);
    if (match) credentials[match[1]!] = { accessKey: match[2]!, user: match[3]!, password: match[4]! };
  }
  await mkdir(dist, { recursive: true });
  await cp(join(work, month, 'seal', 'u'), join(dist, month, 'u'), { recursive: true });
  await writeFile(join(dist, month, 'index.html'), '<!doctype html><title>Landing page</title>');
  // a month folder without a landing page: never the front door
  await mkdir(join(dist, '2099-12'), { recursive: true });
  for (const party of manifest.parties) {
    await writeFile(join(dist, month, 'u', party.slug, 'index.html'), '<!doctype html><title>Report</title><div id="app"></div>');
  }
  await writeHostConfig({ secrets, hostDir: host, out: dist, listen: options.listen ?? '127.0.0.1:8080', serverName: 'localhost' });
  return { root, dist, host, secrets, month, manifest, credentials };
}
