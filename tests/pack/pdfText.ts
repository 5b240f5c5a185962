/** Reading a printed report back: pdftotext per page, and pdfinfo, as a reader's tools see the file. */
import { execFileSync } from 'node:child_process';

/** Pages of a PDF as text, in layout (figures in their columns) or raw (reading order) mode. */
export const toPageTexts = (pdf: string, mode: '-layout' | '-raw'): string[] =>
  execFileSync('pdftotext', [mode, pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());

/** A page's text in reading order without the running header and footer, on one line. */
export function toPageBody(page: string, name: string, month: string): string {
  const running = [`${name} Customer Analytics Report ${month}`, `${name} Customer Analytics Reporting · ${month}`];
  const footer = new RegExp(`^${name} · ${month} Page \\d+ of \\d+$`);
  return page
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !running.includes(line) && !footer.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `pdfinfo` fields (Title, Author, Pages, Tagged …) of a PDF. */
export function readPdfInfo(pdf: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, (m[2] as string).trim()]),
  );
}
/** The outline (bookmarks) as `pdftohtml -xml` reads it: every entry's title and page, in order. */
export function readOutline(pdf: string): { title: string; page: number }[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-f', '1', '-l', '1', pdf], { encoding: 'utf8' });
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({
    page: Number(m[1]),
    title: (m[2] as string)
      .replace(/&(\w+);/g, (_, e: string) => entities[e] ?? `&${e};`)
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

/** Named destinations (`pdfinfo -dests`): the page each link target (an element id) landed on. */
export function readDestinations(pdf: string): Map<string, number> {
  const text = execFileSync('pdfinfo', ['-dests', pdf], { encoding: 'utf8' });
  return new Map([...text.matchAll(/^\s*(\d+)\s+\[[^\]]*\]\s+"([^"]+)"$/gm)].map((m) => [m[2] as string, Number(m[1])]));
}
