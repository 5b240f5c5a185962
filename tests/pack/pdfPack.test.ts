import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, STAGES } from '../../src/pipeline/build.ts';
import { packWorkDir, parsePartyManifestJson, runPackPdf, type PdfPackResult } from '../../src/pipeline/pack/index.ts';
import { readPartyDataset, readPartyManifest } from '../../src/pipeline/partition/read.ts';
import { findParty, readDataKey, readRegistry } from '../../src/pipeline/seal/registry.ts';
import { openSealed } from '../../src/shared/seal/index.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { GOLDEN_DATA, GOLDEN_MONTH } from '../metrics/golden.ts';

/** The golden fixture built end to end, then SUPA (Alpha Energy, IS and GS) printed to PDF. */
const PARTY = 'SUPA';
const NAME = 'Alpha Energy';
let ws: Workspace;
let secrets: string;
let result: PdfPackResult;
let pages: string[];

beforeAll(async () => {
  process.env.CARS_QUIET = '1';
  const root = await mkdtemp(join(tmpdir(), 'cars-pdf-'));
  ws = { work: join(root, 'work'), out: join(root, 'dist'), month: GOLDEN_MONTH };
  secrets = join(root, 'secrets');
  await runBuild(ws, {
    data: GOLDEN_DATA,
    secrets,
    host: join(root, 'host'),
    archive: join(root, 'archive'),
    maxRejectRate: 0,
    bootstrap: true,
    pdf: 'off',
    stages: [...STAGES],
  });
  result = await runPackPdf(ws, { secrets, requirePdf: true, parties: [PARTY], print: () => {} });
  const text = execFileSync('pdftotext', ['-layout', join(packWorkDir(ws), PARTY, 'report.pdf'), '-'], { encoding: 'utf8' });
  pages = text.split('\f').filter((p) => p.trim());
}, 900_000);

describe('PDF pack', () => {
  it('prints the whole report once ready, within sane page bounds', () => {
    expect(result.parties).toHaveLength(1);
    expect(result.parties[0]?.ready).toBe(true);
    expect(pages.length).toBe(result.parties[0]?.pages);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeLessThanOrEqual(400);
  });

  it('names the party and the month on every page', () => {
    for (const page of pages) {
      expect(page).toContain(NAME);
      expect(page).toContain(GOLDEN_MONTH);
    }
  });

  it('has a contents page and every section of every role it lists', () => {
    const at = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThanOrEqual(2);
    const contents = pages[at] ?? '';
    const listed = [...contents.matchAll(/\d+\.\s+((?:Import|Gas) Supplier: \S+(?: \S+)*)/g)].map((m) => m[1]!.trim());
    for (const section of ['Overview', 'Inventory', 'Alerts', 'League tables'])
      for (const role of ['Import Supplier', 'Gas Supplier']) expect(listed).toContain(`${role}: ${section}`);
    const body = pages.slice(at + 1).join('\n');
    for (const section of new Set(listed.map((s) => s.split(': ')[1]!))) expect(body).toContain(section);
  });

  it('shows the figures of the datasets: every active report item and every model of the estate', async () => {
    const manifest = await readPartyManifest(ws, PARTY);
    const text = pages.join('\n');
    const items = (await readPartyDataset(ws, manifest, 'item_monthly')).filter((r) => r.status === 'active');
    expect(items.length).toBeGreaterThan(0);
    // Items are headed by their SRV number and name; the item id is `<process>-<srv>`.
    for (const item of items) expect(text).toContain(`${String(item.item_id).replace(/^[A-Z]+-/, '')} `);
    const inventory = await readPartyDataset(ws, manifest, 'inventory');
    for (const row of inventory.filter((r) => Number(r.devices) > 0)) expect(text).toContain(String(row.model));
  });

  it('publishes the PDF only sealed, listed in the re-sealed party manifest', async () => {
    const registry = await readRegistry(secrets);
    const slug = findParty(registry, PARTY)!.slug;
    const area = join(ws.out, GOLDEN_MONTH, 'u', slug, 'data');
    expect(existsSync(join(area, 'report.pdf'))).toBe(false);
    const key = await readDataKey(secrets, GOLDEN_MONTH, PARTY, false);
    const context = { partySlug: slug, month: GOLDEN_MONTH };
    const pdf = await openSealed(await readFile(join(area, 'report.pdf.sealed')), key, { ...context, fileName: 'report.pdf' });
    expect(Buffer.from(pdf).equals(await readFile(join(packWorkDir(ws), PARTY, 'report.pdf')))).toBe(true);
    const plain = await openSealed(await readFile(join(area, 'manifest.json.sealed')), key, { ...context, fileName: 'manifest.json' });
    const listed = parsePartyManifestJson(plain, 'sealed manifest').downloads?.find((d) => d.format === 'pdf');
    expect(listed?.file).toBe('report.pdf');
  });
});
