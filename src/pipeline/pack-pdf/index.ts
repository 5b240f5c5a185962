import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../cli/serve/staticServer.ts';
import { CHROMIUM_ARGS, findPrintChromium } from '../../lib/chromium.ts';
import { sha256 } from '../../lib/digest.ts';
import { mapPooled, toPartyConcurrency } from '../../lib/concurrency.ts';
import { CarsError } from '../../lib/errors.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { startProgress } from '../../lib/progress.ts';
import { readJsonFile } from '../../lib/json.ts';
import { DOWNLOADS_MANIFEST_FILE, SEAL_MANIFEST_FILE, type DownloadsManifest } from '../../shared/partitionManifest.ts';
import { readPartitionManifest } from '../partition/read.ts';
import { readPackedDownloads } from '../seal/partitionInput.ts';
import { readDataKey } from '../seal/registry.ts';
import { sealManifestSchema, type SealManifest } from '../seal/sealStage.ts';
import { stageDir, type Workspace } from '../workspace.ts';
import { MONTH_PATTERN } from '../../shared/month.ts';
import { openPrintTab, type PrintResult, type PrintTab, type PrintTarget } from './pdfPage.ts';

export const PDF_FILE = 'report.pdf';

export interface PdfPackOptions {
  secrets: string;
  /** Fail instead of skipping when no Chromium is found. */
  requirePdf?: boolean;
  /** Only these parties (default all); the others keep the PDF printed before. */
  parties?: string[];
  /** Parties printed at the same time in one browser (default: one per core, or CARS_PARTY_CONCURRENCY). */
  concurrency?: number;
  print?: (line: string) => void;
}

export interface PdfPackResult {
  skipped: boolean;
  parties: { partyId: string; pages: number; bytes: number; seconds: number; ready: boolean; phases: PrintResult['seconds'] }[];
}

type PartyPdf = DownloadsManifest['parties'][number];

/** pack-pdf's own folder: `<partyId>/report.pdf` (plaintext, private) and the downloads list seal reads. */
export const packPdfDir = (ws: Workspace): string => stageDir(ws, 'pack-pdf');

const countPages = (pdf: Uint8Array): number =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;

/** The PDFs printed before for parties not printed now, copied into the new folder. */
async function keepEarlierPdfs(ws: Workspace, tmp: string, skip: Set<string>): Promise<PartyPdf[]> {
  const earlier = await readPackedDownloads(packPdfDir(ws), ws.month, 'pack-pdf');
  const kept: PartyPdf[] = [];
  for (const [partyId, packed] of earlier) {
    if (skip.has(partyId)) continue;
    await mkdir(join(tmp, partyId));
    for (const d of packed.downloads) await copyFile(join(packed.dir, d.file), join(tmp, partyId, d.file));
    kept.push({ partyId, partyManifestSha256: packed.partyManifestSha256, downloads: packed.downloads });
  }
  return kept;
}

/**
 * Stage `pack-pdf` (after site): per party, print the published report and write the PDF and its
 * downloads list into `work/<M>/pack-pdf/`. It reads the site and writes nothing else: seal seals the
 * PDF with the party's other files and the site publishes it.
 */
export async function runPackPdf(ws: Workspace, options: PdfPackOptions): Promise<PdfPackResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const executablePath = findPrintChromium();
  if (!executablePath) {
    const message = 'no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium-headless-shell, /usr/bin/chromium or the Playwright cache)';
    if (options.requirePdf) throw new CarsError(message, 'PDFs are required', '--require-pdf');
    print(`${message}: PDFs skipped`);
    return { skipped: true, parties: [] };
  }
  const sealManifest = await readJsonFile(join(stageDir(ws, 'seal'), SEAL_MANIFEST_FILE), sealManifestSchema, { stage: 'seal' });
  const partition = new Map((await readPartitionManifest(ws)).parties.map((p) => [p.partyId, p]));
  const wanted = sealManifest.parties.filter((p) => !options.parties || options.parties.includes(p.partyId));
  const server = await startStaticServer(ws.out, 0);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  // Wider than a page, so the report (`?print=pdf`) is laid out only when printed: see src/styles/print.css.
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 720 } });
  const result: PdfPackResult = { skipped: false, parties: [] };
  const progress = startProgress(`pack-pdf ${ws.month}`, wanted.length);
  const begun = performance.now();
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // One tab per core: at large on 2 cores, 2 tabs printed the month in 148.8 s, 3 in 158.3 s, 4 in 192.3 s.
    const concurrency = Math.max(1, Math.min(options.concurrency ?? toPartyConcurrency(process.env, 0), wanted.length));
    const tabs = await Promise.all(Array.from({ length: concurrency }, () => openPrintTab(context)));
    await writeDirAtomic(packPdfDir(ws), async (tmp) => {
      const printed: PartyPdf[] = [];
      await mapPooled(wanted, tabs, async (party, tab) => {
        const started = performance.now();
        const source = partition.get(party.partyId);
        if (!source) throw new CarsError('sealed party missing from the partition, rerun the seal stage', party.partyId);
        const one = await printParty(tab, { ws, origin, party, partyName: source.partyName, secrets: options.secrets }, tmp);
        if (!one.ready) print(`warning: ${party.partyId}: the report never signalled print-ready; printed as rendered`);
        printed.push({ partyId: party.partyId, partyManifestSha256: source.sha256, downloads: [one.entry] });
        const seconds = (performance.now() - started) / 1000;
        result.parties.push({
          partyId: party.partyId,
          pages: countPages(one.pdf),
          bytes: one.pdf.length,
          seconds,
          ready: one.ready,
          phases: one.seconds,
        });
        progress.tick(result.parties.length);
      });
      const parties = [...printed, ...(await keepEarlierPdfs(ws, tmp, new Set(printed.map((p) => p.partyId))))];
      parties.sort((a, b) => (a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0));
      const manifest: DownloadsManifest = { month: ws.month, parties };
      await writeFile(join(tmp, DOWNLOADS_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    });
    result.parties.sort((a, b) => (a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0));
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  const elapsed = (performance.now() - begun) / 1000;
  const n = Math.max(1, result.parties.length);
  const mean = (phase: keyof PrintResult['seconds']): string => (result.parties.reduce((t, p) => t + p.phases[phase], 0) / n).toFixed(2);
  progress.end(
    `${result.parties.length} PDFs in ${elapsed.toFixed(1)}s, ${(elapsed / n).toFixed(1)}s per party ` +
      `(per PDF: open ${mean('open')}s, first print ${mean('draft')}s, final print ${mean('final')}s)`,
  );
  return result;
}

interface PrintJob {
  ws: Workspace;
  origin: string;
  party: SealManifest['parties'][number];
  partyName: string;
  secrets: string;
}

/** The party's earlier published months (up to twelve, as the report shows) with their data keys. */
async function readHistoryKeys(ws: Workspace, secrets: string, party: PrintJob['party']): Promise<PrintTarget['history']> {
  const months = (await readdir(ws.out, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && MONTH_PATTERN.test(e.name) && e.name < ws.month)
    .map((e) => e.name)
    .sort()
    .slice(-12)
    .filter((month) => existsSync(join(ws.out, month, 'u', party.slug, 'keyring.json')));
  return Promise.all(months.map(async (month) => ({ month, dataKey: await readDataKey(secrets, month, party.partyId, false) })));
}

/** Print one party's report into `<tmp>/<partyId>/report.pdf`. */
async function printParty(tab: PrintTab, job: PrintJob, tmp: string) {
  const { ws, party } = job;
  const dataKey = await readDataKey(job.secrets, ws.month, party.partyId, false);
  const history = await readHistoryKeys(ws, job.secrets, party);
  const target = { origin: job.origin, month: ws.month, slug: party.slug, partyName: job.partyName, dataKey, history };
  const printed = await tab.print(target);
  await mkdir(join(tmp, party.partyId));
  await writeFile(join(tmp, party.partyId, PDF_FILE), printed.pdf);
  const entry = { name: 'report PDF', file: PDF_FILE, sha256: sha256(printed.pdf), format: 'pdf' as const };
  return { ...printed, entry };
}
