import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../src/lib/digest.ts';
import { runBuild, runPackPdfAndPublish, STAGES } from '../../src/pipeline/build.ts';
import { packPdfDir, runPackPdf, type PdfPackResult } from '../../src/pipeline/pack-pdf/index.ts';
import { runPartition } from '../../src/pipeline/partition/index.ts';
import { readPartyDataset, readPartyManifest } from '../../src/pipeline/partition/read.ts';
import { readPackedDownloads, readPartyInput } from '../../src/pipeline/seal/partitionInput.ts';
import { parsePartyManifestJson } from '../../src/pipeline/seal/partyDownloads.ts';
import { findParty, readDataKey, readRegistry } from '../../src/pipeline/seal/registry.ts';
import { runSeal, sealDir } from '../../src/pipeline/seal/sealStage.ts';
import { publishSealedAreas, runSite } from '../../src/pipeline/site/index.ts';
import { REPORT_ITEMS } from '../../src/shared/reportItems.ts';
import { openSealed } from '../../src/shared/seal/index.ts';
import { stageDir, type Workspace } from '../../src/pipeline/workspace.ts';
import { GOLDEN_DATA, GOLDEN_MONTH } from '../metrics/golden.ts';
import { ROLE_NAMES, toPrintedSections, type Role } from '../reportRegistry.ts';
import { readDestinations, readOutline, readPdfInfo, toPageBody, toPageTexts } from './pdfText.ts';

/** Parties of the golden month printed here (tests/fixtures/golden/2025-10/parties.csv): two roles at once, and the ED extras. */
const PARTIES: Record<string, { name: string; roles: Role[] }> = {
  SUPA: { name: 'Alpha Energy', roles: ['IS', 'GS'] },
  DNO1: { name: 'North Wires', roles: ['ED'] },
};
const PARTY_IDS = Object.keys(PARTIES);

/** Headings of a party's printed sections, in order: "<section> · <role name>". */
const toHeadings = (roles: Role[]): string[] =>
  roles.flatMap((role) => toPrintedSections(role).map((title) => `${title} · ${ROLE_NAMES[role]}`));

let ws: Workspace;
let secrets: string;
let result: PdfPackResult;
/** Every file of the seal folder and the published month with its digest, before and after pack-pdf alone. */
const others: { before: string[]; after: string[] } = { before: [], after: [] };

async function digestTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return (await Promise.all(files.map(async (f) => `${f.slice(root.length)} ${await sha256File(f)}`))).sort();
}
const digestOthers = async (): Promise<string[]> => [...(await digestTree(sealDir(ws))), ...(await digestTree(join(ws.out, ws.month)))];
/** Per party: pages as laid out (for figures) and in reading order (for headings and the contents). */
const pages = new Map<string, { layout: string[]; raw: string[] }>();

const toBody = (page: string, name: string): string => toPageBody(page, name, GOLDEN_MONTH);

const pagesOf = (partyId: string): { layout: string[]; raw: string[] } => {
  const found = pages.get(partyId);
  if (!found) throw new Error(`no PDF text for ${partyId}`);
  return found;
};

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
  others.before = await digestOthers();
  result = await runPackPdf(ws, { secrets, requirePdf: true, parties: PARTY_IDS, print: () => {} });
  others.after = await digestOthers();
  await runSeal(ws, { secrets, bootstrap: false, print: () => {} });
  await publishSealedAreas(ws);
  for (const id of PARTY_IDS) {
    const pdf = join(packPdfDir(ws), id, 'report.pdf');
    pages.set(id, { layout: toPageTexts(pdf, '-layout'), raw: toPageTexts(pdf, '-raw') });
  }
}, 900_000);

describe('PDF pack', () => {
  it('prints each report once ready, with cover, contents and the sections flowing on within each role', () => {
    expect(result.parties.map((p) => p.partyId)).toEqual([...PARTY_IDS].sort());
    for (const printed of result.parties) {
      const { roles } = PARTIES[printed.partyId]!;
      const sections = toHeadings(roles).length;
      const { layout } = pagesOf(printed.partyId);
      expect(printed.ready, printed.partyId).toBe(true);
      expect(layout.length, printed.partyId).toBe(printed.pages);
      // Cover and contents, then each role from a fresh page; short sections share a page, so fewer pages than sections.
      expect(layout.length, printed.partyId).toBeGreaterThanOrEqual(2 + roles.length);
      expect(layout.length, printed.partyId).toBeLessThan(2 + sections);
    }
  });

  it('names the party and the month on every page, in one header and one footer', () => {
    for (const [id, { name }] of Object.entries(PARTIES))
      pagesOf(id).raw.forEach((page, i) => {
        const lines = page.split('\n').map((line) => line.trim());
        expect(
          lines.filter((l) => l === `${name} Customer Analytics Report ${GOLDEN_MONTH}`),
          `${id} page ${i + 1}`,
        ).toHaveLength(1);
        const footers = lines.filter((l) => /^(.*) · (\d{4}-\d{2}) Page (\d+) of (\d+)$/.test(l));
        expect(footers, `${id} page ${i + 1}`).toEqual([`${name} · ${GOLDEN_MONTH} Page ${i + 1} of ${pagesOf(id).raw.length}`]);
      });
  });

  it('lists every section of every role on the contents page, in order, with the page its heading is on', () => {
    for (const [id, { name, roles }] of Object.entries(PARTIES)) {
      const bodies = pagesOf(id).raw.map((p) => toBody(p, name));
      const cover = bodies[0] ?? '';
      const contents = bodies.find((b) => b.startsWith('Contents ')) ?? '';
      expect(cover).toContain(`Roles: ${roles.map((r) => ROLE_NAMES[r]).join(', ')}`);
      // Entries carry no list numbers: each starts with its role's name and ends with its page number.
      const roleNames = roles.map((r) => ROLE_NAMES[r]).join('|');
      const listed = contents
        .replace(/^Contents /, '')
        .split(new RegExp(` (?=(?:${roleNames}): )`))
        .map((entry) => entry.trim());
      const headings = toHeadings(roles);
      const expected = roles.flatMap((role) => toPrintedSections(role).map((title) => `${ROLE_NAMES[role]}: ${title}`));
      expect(listed.map((entry) => entry.replace(/ \d+$/, ''))).toEqual(expected);
      // Each number is the page the section's heading is printed on (pdftotext's pages, 1-based).
      const numbers = listed.map((entry) => Number(/ (\d+)$/.exec(entry)?.[1]));
      numbers.forEach((page, i) => expect(bodies[page - 1] ?? '', `${id}: ${expected[i]}`).toContain(`${headings[i]} `));
      // The contents link to the sections: each is a named destination on that page.
      const destinations = [...readDestinations(join(packPdfDir(ws), id, 'report.pdf'))].filter(([d]) => d.startsWith('print-'));
      expect(destinations.map(([, page]) => page).sort((a, b) => a - b)).toEqual([...numbers].sort((a, b) => a - b));
    }
  });

  it('keeps a supplier report short: within 40 pages', () => {
    expect(PARTIES.SUPA?.roles).toEqual(['IS', 'GS']);
    expect(pagesOf('SUPA').layout.length).toBeLessThanOrEqual(40);
  });

  it('bookmarks every business process of every role, on the page its heading is on', () => {
    for (const [id, { name, roles }] of Object.entries(PARTIES)) {
      const outline = readOutline(join(packPdfDir(ws), id, 'report.pdf'));
      const bodies = pagesOf(id).raw.map((p) => toBody(p, name));
      for (const heading of toHeadings(roles)) {
        const entry = outline.find((o) => o.title === heading);
        expect(entry, `${id}: ${heading}`).toBeDefined();
        expect(bodies[(entry?.page ?? 0) - 1], `${id}: ${heading}`).toContain(`${heading} `);
      }
    }
  });

  it('starts each role on a page of its own and prints every section of it in order, headed by its title and role', () => {
    for (const [id, { name, roles }] of Object.entries(PARTIES)) {
      const bodies = pagesOf(id).raw.map((p) => toBody(p, name));
      // Cover and "where you stand" per role, then the contents page, then the sections.
      const opening = bodies.findIndex((b) => b.startsWith('Contents ')) + 1;
      expect(opening, id).toBeGreaterThanOrEqual(2);
      const after = bodies.slice(opening);
      for (const role of roles) {
        const first = toPrintedSections(role)[0];
        expect(
          after.some((b) => b.startsWith(`${first} · ${ROLE_NAMES[role]} `)),
          `${id} ${role}`,
        ).toBe(true);
      }
      const text = after.join(' ');
      let from = 0;
      for (const heading of toHeadings(roles)) {
        const at = text.indexOf(`${heading} `, from);
        expect(at, `${id}: ${heading}`).toBeGreaterThanOrEqual(from);
        from = at + heading.length;
      }
    }
  });

  it('shows the figures of the datasets: every active report item and every model of the estate', async () => {
    // DNO1 sends no service requests in the golden month (only alerts), so SUPA carries this check.
    const manifest = await readPartyManifest(ws, 'SUPA');
    const text = pagesOf('SUPA').layout.join('\n');
    const items = (await readPartyDataset(ws, manifest, 'item_monthly')).filter((r) => r.status === 'active');
    expect(items.length).toBeGreaterThan(0);
    // Items are headed by their SRV number and name; the item id is `<process>-<srv>`.
    for (const item of items) expect(text).toContain(`${String(item.item_id).replace(/^[A-Z]+-/, '')} `);
    const inventory = await readPartyDataset(ws, manifest, 'inventory');
    for (const row of inventory.filter((r) => Number(r.devices) > 0)) expect(text).toContain(String(row.model));
  });

  it('is tagged and titled with the party and month, and opens with where the party stands per role', async () => {
    for (const [id, { name, roles }] of Object.entries(PARTIES)) {
      const file = join(packPdfDir(ws), id, 'report.pdf');
      const info = readPdfInfo(file);
      expect(info.Tagged).toBe('yes');
      expect(info.Title).toBe(`${name} — Customer Analytics Report ${GOLDEN_MONTH}`);
      expect(info.Author).toBe('DCC');
      expect(info.Subject).toContain(name);
      expect(info.Subject).toContain(GOLDEN_MONTH);
      // The catalog names the language (from the page's lang), so a screen reader picks the right voice.
      expect((await readFile(file)).toString('latin1')).toMatch(/\/Lang \(en-GB\)/);
      const opening = pagesOf(id).raw.slice(0, 2).join(' ').replace(/\s+/g, ' ');
      for (const role of roles) expect(opening).toContain(ROLE_NAMES[role]);
      expect(opening).toContain('Where you stand');
    }
    // SUPA's own success rate per business process, worked out from its published item_monthly rows.
    const manifest = await readPartyManifest(ws, 'SUPA');
    const rows = (await readPartyDataset(ws, manifest, 'item_monthly')).filter((r) => r.role === 'IS' && Number(r.requests) > 0);
    const process = String(rows[0]?.business_process);
    const mine = rows.filter((r) => r.business_process === process);
    const rate = mine.reduce((n, r) => n + Number(r.successes), 0) / mine.reduce((n, r) => n + Number(r.requests), 0);
    const opening = pagesOf('SUPA').raw.slice(0, 2).join(' ').replace(/\s+/g, ' ');
    expect(opening).toContain(process);
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(opening).toContain(percent.format(rate));
  });

  it("opens with each role's largest root causes and the month's serious incidents", async () => {
    const manifest = await readPartyManifest(ws, 'SUPA');
    const opening = pagesOf('SUPA')
      .raw.slice(0, 2)
      .map((p) => toBody(p, 'Alpha Energy'))
      .join(' ');
    // Category 1-2 incidents overlapping October in London time (tests/fixtures/golden/2025-10/incidents.csv): I1 and I3.
    expect(opening).toContain('Regional outage of the North CSP');
    expect(opening).toContain('Resolved half an hour after midnight on 1 October (London)');
    expect(opening).not.toContain('Minor delay');
    expect(opening).not.toContain('Resolved before midnight on 30 September');
    for (const role of PARTIES.SUPA?.roles ?? []) {
      const causes = (await readPartyDataset(ws, manifest, 'root_causes')).filter((r) => r.role === role);
      const top = causes.filter((r) => typeof r.excess_failures === 'number' && r.excess_failures > 0);
      top.sort((a, b) => Number(b.excess_failures) - Number(a.excess_failures));
      const section = opening.slice(opening.indexOf(`${ROLE_NAMES[role]} Where you stand`));
      if (top[0]) expect(section, role).toContain(`${String(top[0].slice)} `);
      else expect(section, role).toContain('No slice with more failures than the other Users’ rate would give.');
    }
  });

  it('holds every report item of the party in its text or in a CSV file it names', async () => {
    const manifest = await readPartyManifest(ws, 'SUPA');
    const roles = PARTIES.SUPA?.roles ?? [];
    const text = pagesOf('SUPA')
      .raw.map((p) => toBody(p, 'Alpha Energy'))
      .join(' ');
    const datasets = await Promise.all(
      manifest.datasets.map(async (d) => ({ name: d.name, rows: await readPartyDataset(ws, manifest, d.name) })),
    );
    const items = REPORT_ITEMS.filter((i) => i.roles.some((r) => roles.includes(r)));
    let inCsv = 0;
    for (const item of items) {
      if (text.includes(item.description)) continue;
      // Not printed: a data file of the party holds the item's rows, and the PDF names that file.
      const holding = datasets.filter((d) => d.rows.some((r) => r.item_id === item.id)).map((d) => `${GOLDEN_MONTH}-${d.name}.csv`);
      expect(
        holding.some((file) => text.includes(file)),
        `${item.id} ${item.description}`,
      ).toBe(true);
      inCsv++;
    }
    expect(items.length - inCsv).toBeGreaterThan(0);
  });

  it('fits the widest table to the page and prints no screen controls', () => {
    for (const [id, { name }] of Object.entries(PARTIES)) {
      const text = pagesOf(id)
        .raw.map((p) => toBody(p, name))
        .join(' ');
      for (const control of ['▼', '▶', 'Data table (', 'Download CSV', 'Show more rows']) expect(text, id).not.toContain(control);
    }
    // The item table's last column (industry RTT median) is on the page, heading and all.
    expect(pagesOf('SUPA').raw.join(' ').replace(/\s+/g, ' ')).toContain('Industry RTT median (s)');
  });

  it('writes only its own folder: the seal folder and the published month are left as they were', () => {
    expect(others.after.length).toBeGreaterThan(0);
    expect(others.after).toEqual(others.before);
    expect(existsSync(join(packPdfDir(ws), 'downloads-manifest.json'))).toBe(true);
  });

  it('is published only sealed, by seal and site, listed in the sealed party manifest', async () => {
    await expectPublishedPdfs(PARTY_IDS);
  });

  it('keeps the PDFs when seal, then site, are rerun alone', async () => {
    await runSeal(ws, { secrets, bootstrap: false, print: () => {} });
    const seal = stageDir(ws, 'seal');
    await runSite(ws, { sealManifest: join(seal, 'seal-manifest.json'), sealedDir: join(seal, 'u') });
    await expectPublishedPdfs(PARTY_IDS);
  });

  it('keeps the PDFs when partition is rerun with the same result, and leaves out a PDF of an earlier partition', async () => {
    await runPartition(ws);
    const packed = await readPackedDownloads(packPdfDir(ws), GOLDEN_MONTH, 'pack-pdf');
    const supa = packed.get('SUPA')!;
    const current = await readPartyInput(stageDir(ws, 'partition'), 'SUPA', GOLDEN_MONTH, [supa]);
    expect(current.files.map((f) => f.name)).toContain('report.pdf');
    expect(current.stale).toEqual([]);
    const earlier = { ...supa, partyManifestSha256: '0'.repeat(64) };
    const stale = await readPartyInput(stageDir(ws, 'partition'), 'SUPA', GOLDEN_MONTH, [earlier]);
    expect(stale.files.map((f) => f.name)).not.toContain('report.pdf');
    expect(stale.stale).toEqual(['report.pdf']);
    expect(parsePartyManifestJson(stale.manifestBytes, 'SUPA').downloads).toBeUndefined();
  });

  it("prints one party again and keeps the other party's PDF, then publishes both", async () => {
    const before = await readFile(join(packPdfDir(ws), 'SUPA', 'report.pdf'));
    const again = await runPackPdfAndPublish(ws, { secrets, requirePdf: true, parties: ['DNO1'], print: () => {} });
    expect(again.parties.map((p) => p.partyId)).toEqual(['DNO1']);
    expect((await readFile(join(packPdfDir(ws), 'SUPA', 'report.pdf'))).equals(before)).toBe(true);
    await expectPublishedPdfs(PARTY_IDS);
  });
});

/** Each party's published area holds its PDF only sealed, equal to pack-pdf's plaintext and listed in the sealed manifest. */
async function expectPublishedPdfs(partyIds: string[]): Promise<void> {
  const registry = await readRegistry(secrets);
  for (const id of partyIds) {
    const slug = findParty(registry, id)!.slug;
    const area = join(ws.out, GOLDEN_MONTH, 'u', slug, 'data');
    expect(existsSync(join(area, 'report.pdf'))).toBe(false);
    const key = await readDataKey(secrets, GOLDEN_MONTH, id, false);
    const context = { partySlug: slug, month: GOLDEN_MONTH };
    const pdf = await openSealed(await readFile(join(area, 'report.pdf.sealed')), key, { ...context, fileName: 'report.pdf' });
    expect(Buffer.from(pdf).equals(await readFile(join(packPdfDir(ws), id, 'report.pdf')))).toBe(true);
    const plain = await openSealed(await readFile(join(area, 'manifest.json.sealed')), key, { ...context, fileName: 'manifest.json' });
    const listed = parsePartyManifestJson(plain, 'sealed manifest').downloads ?? [];
    expect(listed.filter((d) => d.format === 'pdf').map((d) => d.file)).toEqual(['report.pdf']);
    expect(listed.filter((d) => d.format === 'csv').length).toBeGreaterThan(0);
  }
}
