import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDestinationPages, withInfoFields } from '../../src/pipeline/pack-pdf/pdfFile.ts';
import { readDestinations, readPdfInfo } from './pdfText.ts';

/**
 * A three-page PDF written as Chromium writes one (classic cross-reference table, nested page tree, named
 * destinations in the catalog's /Dests, an Info dictionary), small enough to read in full.
 */
function buildPdf(): Uint8Array {
  const objects = [
    '<</Title (Old title)\n/Producer (hand)>>',
    '<</Type /Catalog\n/Pages 3 0 R\n/Dests 8 0 R\n/Lang (en-GB)>>',
    '<</Type /Pages\n/Count 3\n/Kids [4 0 R 7 0 R]>>',
    '<</Type /Pages\n/Count 2\n/Kids [5 0 R 6 0 R]\n/Parent 3 0 R>>',
    '<</Type /Page\n/Parent 4 0 R\n/MediaBox [0 0 200 200]>>',
    '<</Type /Page\n/Parent 4 0 R\n/MediaBox [0 0 200 200]>>',
    '<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 200 200]>>',
    '<</print-IS-overview-title [6 0 R /XYZ 0 200 null]\n/print-GS-bp-meter#20reads-title [7 0 R /XYZ 0 100 null]>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

describe('PDF file helpers', () => {
  it('reads the page of each named destination through a nested page tree', async () => {
    const pdf = buildPdf();
    const pages = readDestinationPages(pdf);
    expect(Object.fromEntries(pages)).toEqual({ 'print-IS-overview-title': 2, 'print-GS-bp-meter reads-title': 3 });
    // poppler reads the same file the same way.
    const file = join(await mkdtemp(join(tmpdir(), 'cars-pdffile-')), 'a.pdf');
    await writeFile(file, pdf);
    expect(readDestinations(file)).toEqual(new Map([...pages]));
  });

  it('adds Author and Subject as an incremental update, keeping the bytes, title and pages', async () => {
    const pdf = buildPdf();
    const updated = withInfoFields(pdf, { Author: 'DCC', Subject: 'Alpha Energy — report 2025-10', Title: 'New title' });
    expect(Buffer.from(updated.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const file = join(await mkdtemp(join(tmpdir(), 'cars-pdffile-')), 'b.pdf');
    await writeFile(file, updated);
    const info = readPdfInfo(file);
    expect(info).toMatchObject({ Author: 'DCC', Subject: 'Alpha Energy — report 2025-10', Title: 'New title', Producer: 'hand' });
    expect(info.Pages).toBe('3');
    // The update reads again: a second one stacks on the first.
    const again = withInfoFields(updated, { Author: 'DCC Analytics' });
    await writeFile(file, again);
    expect(readPdfInfo(file)).toMatchObject({ Author: 'DCC Analytics', Subject: 'Alpha Energy — report 2025-10' });
    expect(readDestinationPages(again).get('print-IS-overview-title')).toBe(2);
  });

  it('refuses a file whose cross-reference it cannot read', () => {
    const broken = Buffer.from(buildPdf()).toString('latin1').replace('xref\n0 9', 'xrif\n0 9');
    expect(() => readDestinationPages(new Uint8Array(Buffer.from(broken, 'latin1')))).toThrow(/cross-reference/);
  });
});
