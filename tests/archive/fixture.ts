import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPolicy } from '../../src/pipeline/metrics/policy.ts';
import { readSealKey } from '../../src/pipeline/seal/dataKeys.ts';
import { addRecipient, ensureParty, toKeyringRecipients, writeRegistry, type Registry } from '../../src/pipeline/seal/registry.ts';
import { buildKeyring, sealFile } from '../../src/shared/seal/index.ts';
import { DATASET_SCHEMA_VERSION } from '../../src/shared/partitionManifest.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { buildIngestManifest, writeIngestManifest } from '../ingestManifestFixture.ts';

export const MONTH = '2025-10';
/** The month's service requests as ingest counted them: 8 of 10,000 rejected, within the accepted 0.001. */
export const ARCHIVED_REJECTS = { rowsRead: 10_000, rowsRejected: 8, maxRejectRate: 0.001 };

/**
 * A small built month without running the site build: two public pages, and for two parties a
 * real keyring (registry, data keys, one recipient each) beside a small sealed manifest.
 * The work folder holds the partition and ingest manifests that archive metadata comes from.
 */
export async function writeBuiltMonth(): Promise<{ ws: Workspace; secrets: string; archiveDir: string; registry: Registry }> {
  const root = await mkdtemp(join(tmpdir(), 'cars-archive-'));
  const ws: Workspace = { work: join(root, 'work'), out: join(root, 'dist'), month: MONTH };
  const secrets = join(root, 'secrets');
  const registry: Registry = { version: 1, parties: [] };
  const monthDir = join(ws.out, MONTH);
  await mkdir(join(monthDir, 'guidance'), { recursive: true });
  await writeFile(join(monthDir, 'index.html'), '<!doctype html><title>Reports</title>\n');
  await writeFile(join(monthDir, 'guidance', 'index.html'), '<!doctype html><title>Guidance</title>\n');
  for (const partyId of ['SUPA', 'SUPB']) {
    const party = ensureParty(registry, partyId);
    await addRecipient(registry, partyId, `${partyId} analyst`);
    const dataKey = await readSealKey(secrets, MONTH, party);
    const context = { partySlug: party.slug, month: MONTH };
    const area = join(monthDir, 'u', party.slug);
    await mkdir(join(area, 'data'), { recursive: true });
    await writeFile(join(area, 'index.html'), '<!doctype html><title>Report</title>\n');
    const plain = new TextEncoder().encode(`{"party":"${partyId}"}\n`);
    await writeFile(join(area, 'data', 'manifest.json.sealed'), await sealFile(plain, dataKey, { ...context, fileName: 'manifest.json' }));
    await writeFile(join(area, 'keyring.json'), await buildKeyring(context, dataKey, toKeyringRecipients(party)));
  }
  await writeRegistry(secrets, registry);
  const partitionDir = join(ws.work, MONTH, 'partition');
  await mkdir(partitionDir, { recursive: true });
  const manifest = {
    schemaVersion: DATASET_SCHEMA_VERSION,
    month: MONTH,
    parties: [],
    inputDigests: { '2025-10/parties.csv': 'a'.repeat(64) },
    policy: await readPolicy(),
  };
  await writeFile(join(partitionDir, 'partition-manifest.json'), JSON.stringify(manifest));
  await writeIngestManifest(join(ws.work, MONTH), buildIngestManifest(MONTH, { service_requests: ARCHIVED_REJECTS }));
  return { ws, secrets, archiveDir: join(root, 'archive'), registry };
}
