import { randomBytes } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { CarsError } from '../../lib/errors.ts';
import { PAGE_NUMBERS_EVENT, type PageNumbers } from '../../shared/printPages.ts';
import { readDestinationPages, withInfoFields } from './pdfFile.ts';
import { buildKeyring, deriveRecipientSecrets, formatCredential } from '../../shared/seal/index.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface PrintTarget {
  /** `http://127.0.0.1:<port>` serving the output folder. */
  origin: string;
  month: string;
  slug: string;
  partyName: string;
  dataKey: Uint8Array;
  /** Earlier published months of the party and their data keys: opened too, for changes and trends. */
  history: { month: string; dataKey: Uint8Array }[];
}

export interface PrintResult {
  pdf: Uint8Array;
  /** False when the page never signalled print-ready (the overview was printed as it stood). */
  ready: boolean;
  /** Seconds spent opening and drawing the report, in the first (untagged) print and in the final one. */
  seconds: { open: number; draft: number; final: number };
}

/** Paper of every report PDF: A4, with margins that leave room for the running header and footer. */
export const PDF_PAPER = { format: 'A4', margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' } } as const;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Header and footer Chromium stamps on every page: party, month, page x of y. */
export function toPageTemplates(partyName: string, month: string): { headerTemplate: string; footerTemplate: string } {
  const style = 'font-size:8px;font-family:sans-serif;width:100%;padding:0 12mm;display:flex;justify-content:space-between;';
  return {
    headerTemplate: `<div style="${style}"><span>${escapeHtml(partyName)}</span><span>Customer Analytics Report ${escapeHtml(month)}</span></div>`,
    footerTemplate: `<div style="${style}"><span>${escapeHtml(partyName)} · ${escapeHtml(month)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

/** Pages of the report's sections (ids `print-…`), from the named destinations of a print. */
const toSectionPages = (destinations: Map<string, number>): PageNumbers =>
  Object.fromEntries([...destinations].filter(([id]) => id.startsWith('print-')));

/** A one-off credential and keyrings for it alone, one per month shown: they only ever live in this browser session. */
async function toEphemeralAccess(target: PrintTarget): Promise<{ accessKey: string; keyrings: Map<string, Uint8Array> }> {
  const recipientId = Array.from(randomBytes(12), (b) => BASE32[b & 31]).join('');
  const credential = { recipientId, token: new Uint8Array(randomBytes(32)) };
  const secrets = await deriveRecipientSecrets(credential);
  const months = [{ month: target.month, dataKey: target.dataKey }, ...target.history];
  const keyrings = new Map<string, Uint8Array>();
  for (const { month, dataKey } of months)
    keyrings.set(month, await buildKeyring({ partySlug: target.slug, month }, dataKey, [{ recipientId, ...secrets }]));
  return { accessKey: formatCredential(credential), keyrings };
}

/**
 * A tab that prints one party after another: the report's code stays compiled and cached between parties, and the
 * keyring route answers for whichever party is being printed.
 */
export interface PrintTab {
  print(target: PrintTarget, timeoutMs?: number): Promise<PrintResult>;
}

export async function openPrintTab(context: BrowserContext): Promise<PrintTab> {
  const page = await context.newPage();
  let keyrings = new Map<string, Uint8Array>();
  let errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/\/u\/[^/]+\/keyring\.json$/, (route) => {
    const keyring = keyrings.get(new URL(route.request().url()).pathname);
    return keyring ? route.fulfill({ status: 200, contentType: 'application/json', body: Buffer.from(keyring) }) : route.continue();
  });
  // The report is drawn for print from the start: laying it out for the screen first would be wasted.
  await page.emulateMedia({ media: 'print' });
  const print = async (target: PrintTarget, timeoutMs = 120_000): Promise<PrintResult> => {
    const started = performance.now();
    const lap = (from: number): number => (performance.now() - from) / 1000;
    const access = await toEphemeralAccess(target);
    keyrings = new Map([...access.keyrings].map(([month, keyring]) => [`/${month}/u/${target.slug}/keyring.json`, keyring]));
    errors = [];
    const area = `/${target.month}/u/${target.slug}/`;
    // The same report left open would take a new fragment without loading again.
    if (page.url().startsWith(`${target.origin}${area}`)) await page.goto('about:blank');
    await page.goto(`${target.origin}${area}?print=pdf#k=${access.accessKey}`, { waitUntil: 'load' });
    const ready = await page
      .waitForFunction(() => document.documentElement.dataset.carsReady === 'true', undefined, { timeout: timeoutMs, polling: 20 })
      .then(
        () => true,
        () => false,
      );
    if (!ready) await page.waitForLoadState('networkidle');
    if (errors.length) throw new CarsError('report page failed while printing', errors.join('; '), area);
    const options = { ...PDF_PAPER, printBackground: true, displayHeaderFooter: true, ...toPageTemplates(target.partyName, target.month) };
    // A quick untagged print says where each section landed; the contents then show those pages. The numbers take
    // reserved room, so the second print lays out the same.
    const drafted = performance.now();
    const open = lap(started);
    // Header, footer and backgrounds sit in the margins or under the text: leaving them out moves nothing. (Hiding all
    // but the headings made this print cheaper and the final one dearer by more, at large.)
    const draftPdf = await page.pdf({ ...options, displayHeaderFooter: false, printBackground: false });
    const pages = toSectionPages(readDestinationPages(new Uint8Array(draftPdf)));
    const draft = lap(drafted);
    const finished = performance.now();
    await page.evaluate(([event, detail]) => document.dispatchEvent(new CustomEvent(event, { detail })), [
      PAGE_NUMBERS_EVENT,
      pages,
    ] as const);
    await page.waitForFunction(() => document.documentElement.dataset.carsPageNumbers === 'true', undefined, {
      timeout: timeoutMs,
      polling: 20,
    });
    // Tagged (structure from the headings, tables and alt text) with bookmarks from the headings: the PDF is
    // the report many Users file, and a screen reader needs the tags.
    const printed = new Uint8Array(await page.pdf({ ...options, outline: true, tagged: true }));
    const moved = Object.entries(toSectionPages(readDestinationPages(printed))).filter(([id, n]) => pages[id] !== n);
    if (moved.length) throw new CarsError('contents page numbers moved between prints', moved.map(([id]) => id).join(', '), area);
    const pdf = withInfoFields(printed, {
      Author: 'DCC',
      Subject: `Smart metering service benchmarks of ${target.partyName} against the industry, ${target.month}`,
    });
    return { pdf, ready, seconds: { open, draft, final: lap(finished) } };
  };
  return { print };
}
