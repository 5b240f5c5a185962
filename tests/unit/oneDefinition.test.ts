import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../src/pipeline/metrics/policy.ts';
import { MONTH_PATTERN } from '../../src/shared/month.ts';
import {
  datasetEntrySchema,
  downloadEntrySchema,
  downloadsManifestSchema,
  partitionManifestSchema,
  partyManifestSchema,
} from '../../src/shared/partitionManifest.ts';
import { policySchema } from '../../src/shared/policy.ts';
import { REPORT_ROLES, ROLE_LABELS } from '../../src/shared/roles.ts';
import { partyManifestSchema as sitePartyManifestSchema } from '../../src/site/partyManifest.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const SOURCE = /\.(ts|tsx|mjs|js|astro)$/;

/** Every source file under src/ with its text, paths relative to src/. */
const sources: { path: string; text: string }[] = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && SOURCE.test(e.name))
  .map((e) => join(e.parentPath, e.name))
  .map((file) => ({ path: relative(SRC, file), text: readFileSync(file, 'utf8') }));

const filesContaining = (needle: string): string[] => sources.filter((s) => s.text.includes(needle)).map((s) => s.path);

describe('one definition per format', () => {
  it('writes the month pattern out once in src/, in src/shared/month.ts', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(filesContaining('(0[1-9]|1[0-2])')).toEqual(['shared/month.ts']);
    expect(MONTH_PATTERN.test('2025-11')).toBe(true);
    expect(MONTH_PATTERN.test('2025-13')).toBe(false);
  });

  it('defines each shared schema in one file of src/shared/', () => {
    const schemas = {
      datasetEntrySchema,
      downloadEntrySchema,
      downloadsManifestSchema,
      partitionManifestSchema,
      partyManifestSchema,
      policySchema,
    };
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema.safeParse(null).success, name).toBe(false);
      const defined = filesContaining(`export const ${name} =`);
      // The browser's zod/mini party manifest is the one documented exception (src/site/partyManifest.ts says why).
      const expected = name === 'partyManifestSchema' ? ['shared/partitionManifest.ts', 'site/partyManifest.ts'] : undefined;
      expect(defined, name).toEqual(expected ?? [defined.find((p) => p.startsWith('shared/')) ?? 'missing']);
      expect(
        defined.filter((p) => p.startsWith('shared/')),
        name,
      ).toHaveLength(1);
    }
  });

  it('lists the roles and their labels once', () => {
    expect(REPORT_ROLES).toEqual(['IS', 'ES', 'GS', 'ED']);
    expect(filesContaining("'Electricity Distributor'")).toEqual(['shared/roles.ts']);
    expect(filesContaining('export const REPORT_ROLES')).toEqual(['shared/roles.ts']);
    expect(filesContaining('export const ROLE_LABELS')).toEqual(['shared/roles.ts']);
    expect(Object.keys(ROLE_LABELS)).toEqual([...REPORT_ROLES]);
  });

  it('reads a party manifest in the browser as the shared schema does, and rejects what it rejects', async () => {
    const manifest = {
      schemaVersion: 1,
      party: { partyId: 'SUPA', partyName: 'Alpha Energy', roles: ['IS', 'GS'] },
      month: '2025-11',
      datasets: [{ name: 'league', file: 'league.arrow', rows: 3, sha256: 'a'.repeat(64), columns: [{ name: 'rank', type: 'int32' }] }],
      inputDigests: { 'metrics-manifest.json': 'b'.repeat(64) },
      policy: await readPolicy(),
      downloads: [{ name: 'report PDF', file: 'report.pdf', sha256: 'c'.repeat(64), format: 'pdf' }],
    };
    const shared = partyManifestSchema.parse(manifest);
    const site = sitePartyManifestSchema.parse(manifest);
    expect(site.party).toEqual(shared.party);
    expect(site.month).toBe(shared.month);
    expect(site.downloads).toEqual(shared.downloads);
    expect(site.datasets.map((d) => d.file)).toEqual(shared.datasets.map((d) => d.file));
    for (const broken of [
      { ...manifest, month: '2025-13' },
      { ...manifest, party: { ...manifest.party, roles: ['XX'] } },
      { ...manifest, downloads: [{ ...manifest.downloads[0], file: '../report.pdf' }] },
      { ...manifest, downloads: [{ ...manifest.downloads[0], sha256: 'short' }] },
    ]) {
      expect(partyManifestSchema.safeParse(broken).success).toBe(false);
      expect(sitePartyManifestSchema.safeParse(broken).success).toBe(false);
    }
  });
});
