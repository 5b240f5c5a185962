import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../cli/serve/staticServer.ts';
import { sha256 } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { readStageManifest } from '../../lib/stageManifest.ts';
import { startProgress } from '../../lib/progress.ts';
import { PARTY_MANIFEST_FILE, SEAL_MANIFEST_FILE } from '../../shared/partitionManifest.ts';
import { openSealed, sealFile } from '../../shared/seal/index.ts';
import { readPartitionManifest } from '../partition/read.ts';
import { readDataKey } from '../seal/registry.ts';
import { sealDir, sealManifestSchema, type SealManifest } from '../seal/sealStage.ts';
import { monthOutDir, type Workspace } from '../workspace.ts';
import { CHROMIUM_ARGS, findChromium } from '../../lib/chromium.ts';
import { parsePartyManifestJson, toManifestText, withDownloads } from './partyDownloads.ts';
import { printReport } from './pdfPage.ts';

export const PDF_FILE = 'report.pdf';
export const PDF_CONCURRENCY = 2;

export interface PdfPackOptions {
  secrets: string;
  /** Fail instead of skipping when no Chromium is found. */
  requirePdf?: boolean;
  /** Only these parties (default all). */
  parties?: string[];
  /** Parties printed at the same time in one browser (default PDF_CONCURRENCY). */
  concurrency?: number;
  print?: (line: string) => void;
}

export interface PdfPackResult {
  skipped: boolean;
  parties: { partyId: string; pages: number; bytes: number; seconds: number; ready: boolean }[];
}

/** Plaintext PDFs stay in the private work folder (for checks); only sealed copies are published. */
export const packWorkDir = (ws: Workspace): string => join(ws.work, ws.month, 'pack');

const countPages = (pdf: Uint8Array): number =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;

/** Seal the PDF and re-seal the party manifest listing it; the same bytes go to every area given. */
async function sealIntoAreas(areas: string[], context: { partySlug: string; month: string }, dataKey: Uint8Array, pdf: Uint8Array) {
  const sealedPdf = await sealFile(pdf, dataKey, { ...context, fileName: PDF_FILE });
  const manifestPath = join(areas[0] as string, 'data', `${PARTY_MANIFEST_FILE}.sealed`);
  const plain = await openSealed(await readFile(manifestPath), dataKey, { ...context, fileName: PARTY_MANIFEST_FILE });
  const entry = { name: 'report PDF', file: PDF_FILE, sha256: sha256(pdf), format: 'pdf' as const };
  const manifest = withDownloads(parsePartyManifestJson(plain, manifestPath), 'pdf', [entry]);
  const sealedManifest = await sealFile(new TextEncoder().encode(toManifestText(manifest)), dataKey, {
    ...context,
    fileName: PARTY_MANIFEST_FILE,
  });
  for (const area of areas) {
    await writeFile(join(area, 'data', `${PDF_FILE}.sealed`), sealedPdf);
    await writeFile(join(area, 'data', `${PARTY_MANIFEST_FILE}.sealed`), sealedManifest);
  }
  return [
    { name: `data/${PDF_FILE}.sealed`, sha256: sha256(sealedPdf) },
    { name: `data/${PARTY_MANIFEST_FILE}.sealed`, sha256: sha256(sealedManifest) },
  ];
}

/** Stage `pack-pdf` (after site): per party, print the report, seal it and list it in the party manifest. */
export async function runPackPdf(ws: Workspace, options: PdfPackOptions): Promise<PdfPackResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const executablePath = findChromium();
  if (!executablePath) {
    const message = 'no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium or the Playwright cache)';
    if (options.requirePdf) throw new CarsError(message, 'PDFs are required', '--require-pdf');
    print(`${message}: PDFs skipped`);
    return { skipped: true, parties: [] };
  }
  const sealManifestPath = join(sealDir(ws), SEAL_MANIFEST_FILE);
  const sealManifest: SealManifest = await readStageManifest(sealManifestPath, sealManifestSchema, 'seal');
  const names = new Map((await readPartitionManifest(ws)).parties.map((p) => [p.partyId, p.partyName]));
  const wanted = sealManifest.parties.filter((p) => !options.parties || options.parties.includes(p.partyId));
  const server = await startStaticServer(ws.out, 0);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const result: PdfPackResult = { skipped: false, parties: [] };
  const progress = startProgress(`pack-pdf ${ws.month}`, wanted.length);
  const begun = performance.now();
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const printOne = async (party: SealManifest['parties'][number]): Promise<void> => {
      const started = performance.now();
      const dataKey = await readDataKey(options.secrets, ws.month, party.partyId, false);
      const partyName = names.get(party.partyId) ?? party.partyId;
      const printed = await printReport(browser, { origin, month: ws.month, slug: party.slug, partyName, dataKey });
      if (!printed.ready) print(`warning: ${party.partyId}: the report never signalled print-ready; printed as rendered`);
      const plainDir = join(packWorkDir(ws), party.partyId);
      await mkdir(plainDir, { recursive: true });
      await writeFile(join(plainDir, PDF_FILE), printed.pdf);
      const areas = [join(sealDir(ws), 'u', party.slug), join(monthOutDir(ws), 'u', party.slug)];
      const sealed = await sealIntoAreas(areas, { partySlug: party.slug, month: ws.month }, dataKey, printed.pdf);
      const byName = new Map(sealed.map((f) => [f.name, f]));
      party.files = [...party.files.filter((f) => !byName.has(f.name)), ...sealed].sort((a, b) => (a.name < b.name ? -1 : 1));
      const seconds = (performance.now() - started) / 1000;
      result.parties.push({
        partyId: party.partyId,
        pages: countPages(printed.pdf),
        bytes: printed.pdf.length,
        seconds,
        ready: printed.ready,
      });
      progress.tick(result.parties.length);
    };
    // One browser, a few pages at a time: rendering and printing overlap across parties.
    const queue = [...wanted];
    const worker = async (): Promise<void> => {
      for (let party = queue.shift(); party; party = queue.shift()) await printOne(party);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? PDF_CONCURRENCY, queue.length) }, worker));
    result.parties.sort((a, b) => (a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0));
    await writeFile(sealManifestPath, `${JSON.stringify(sealManifest, null, 2)}\n`);
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  const elapsed = (performance.now() - begun) / 1000;
  progress.end(
    `${result.parties.length} PDFs in ${elapsed.toFixed(1)}s, ${(elapsed / Math.max(1, result.parties.length)).toFixed(1)}s per party`,
  );
  return result;
}
