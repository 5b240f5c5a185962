/**
 * Synthetic partition folders for seal tests: two or three parties, each with two small
 * "datasets" (plain bytes standing in for Arrow IPC: the seal stage treats files as opaque)
 * carrying canary strings (party name, id, device ids, a distinctive number) so leak scans
 * have something to look for.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SyntheticParty {
  partyId: string;
  partyName: string;
  deviceIds: string[];
  number: string;
}

export const SAMPLE_PARTIES: SyntheticParty[] = [
  { partyId: 'ALPHA1', partyName: 'Alpha Canary Energy', deviceIds: ['AA-11-22-33-44-55-66-01'], number: '918273.5' },
  { partyId: 'BRAVO2', partyName: 'Bravo Canary Power', deviceIds: ['BB-11-22-33-44-55-66-02'], number: '564738.25' },
];

export async function writeSyntheticPartition(work: string, month: string, parties = SAMPLE_PARTIES): Promise<void> {
  const partitionDir = join(work, month, 'partition');
  for (const party of parties) {
    const dir = join(partitionDir, party.partyId);
    await mkdir(dir, { recursive: true });
    const files = {
      'srv-monthly.arrow': `party,${party.partyId},${party.partyName},rtt,${party.number}\n`.repeat(40),
      'devices.arrow': party.deviceIds.map((d) => `${d},${party.partyName}`).join('\n'),
    };
    const datasets = [];
    for (const [file, text] of Object.entries(files)) {
      await writeFile(join(dir, file), text);
      datasets.push({
        name: file.replace('.arrow', ''),
        file,
        rows: text.split('\n').length,
        sha256: createHash('sha256').update(text).digest('hex'),
      });
    }
    const manifest = { party: { partyId: party.partyId, partyName: party.partyName, roles: ['IS'] }, month, datasets };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  await writeFile(
    join(partitionDir, 'partition-manifest.json'),
    JSON.stringify({ month, parties: parties.map((p) => ({ partyId: p.partyId })) }),
  );
}
