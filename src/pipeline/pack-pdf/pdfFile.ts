/**
 * Just enough of the PDF format to read Chromium's output back and add to it: the page each named destination
 * (an element id) lands on, and an Info dictionary written as an incremental update. Chromium (Skia) writes a
 * classic cross-reference table and plain dictionary objects; anything else is refused, not guessed.
 */
import { CarsError } from '../../lib/errors.ts';

const text = (pdf: Uint8Array, from: number, to: number): string => Buffer.from(pdf.subarray(from, to)).toString('latin1');

interface Xref {
  offsets: Map<number, number>;
  trailer: string;
  start: number;
}

/** One cross-reference table at `start`: its entries and trailer. */
function readXrefSection(pdf: Uint8Array, start: number): { offsets: Map<number, number>; trailer: string } {
  const body = text(pdf, start, pdf.length);
  const table = /^xref\s+([\s\S]*?)trailer\s*(<<[\s\S]*?>>)\s*startxref/.exec(body);
  if (!table) throw new CarsError('PDF cross-reference is not a classic table', `offset ${start}`, 'pack-pdf');
  const offsets = new Map<number, number>();
  const lines = (table[1] as string).trim().split(/\r?\n/);
  for (let i = 0; i < lines.length;) {
    const [first, count] = (lines[i++] as string).trim().split(/\s+/).map(Number) as [number, number];
    for (let n = 0; n < count; n++, i++) {
      const [offset, , kind] = (lines[i] as string).trim().split(/\s+/);
      if (kind === 'n') offsets.set(first + n, Number(offset));
    }
  }
  return { offsets, trailer: table[2] as string };
}

/** The cross-reference of the whole file: the last table (`startxref`), then each earlier one by `/Prev`. */
function readXref(pdf: Uint8Array): Xref {
  const tail = text(pdf, Math.max(0, pdf.length - 1024), pdf.length);
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1] ?? NaN);
  if (!Number.isInteger(start)) throw new CarsError('PDF without a final startxref', 'pack-pdf');
  const last = readXrefSection(pdf, start);
  const offsets = new Map(last.offsets);
  const seen = new Set([start]);
  for (let prev = refNumber(last.trailer, 'Prev'); prev !== undefined && !seen.has(prev);) {
    seen.add(prev);
    const section = readXrefSection(pdf, prev);
    for (const [num, at] of section.offsets) if (!offsets.has(num)) offsets.set(num, at);
    prev = refNumber(section.trailer, 'Prev');
  }
  return { offsets, trailer: last.trailer, start };
}

const refNumber = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)(?!\\s+0\\s+R)`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** A dictionary object's text (up to its stream or `endobj`). */
function readObject(pdf: Uint8Array, xref: Xref, num: number): string {
  const at = xref.offsets.get(num);
  if (at === undefined) throw new CarsError('PDF object missing from the cross-reference', String(num), 'pack-pdf');
  for (let size = 4096; ; size *= 4) {
    const chunk = text(pdf, at, Math.min(pdf.length, at + size));
    const end = chunk.search(/endobj|stream\r?\n/);
    if (end >= 0 || at + size >= pdf.length) return chunk.slice(0, end < 0 ? chunk.length : end);
  }
}

const refOf = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** Page objects in document order, walking the page tree from the catalog. */
function readPageOrder(pdf: Uint8Array, xref: Xref): number[] {
  const root = refOf(xref.trailer, 'Root');
  const pages = root === undefined ? undefined : refOf(readObject(pdf, xref, root), 'Pages');
  if (pages === undefined) throw new CarsError('PDF without a page tree', 'pack-pdf');
  const order: number[] = [];
  const walk = (num: number): void => {
    const node = readObject(pdf, xref, num);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
    if (!kids) return void order.push(num);
    for (const m of (kids[1] as string).matchAll(/(\d+)\s+0\s+R/g)) walk(Number(m[1]));
  };
  walk(pages);
  return order;
}

/** Page (1-based) of each named destination: Chromium names one after every element id that a link targets. */
export function readDestinationPages(pdf: Uint8Array): Map<string, number> {
  const xref = readXref(pdf);
  const order = readPageOrder(pdf, xref);
  const pageOf = new Map(order.map((num, i) => [num, i + 1]));
  const root = refOf(xref.trailer, 'Root') as number;
  const destsRef = refOf(readObject(pdf, xref, root), 'Dests');
  const found = new Map<string, number>();
  if (destsRef === undefined) return found;
  const dests = readObject(pdf, xref, destsRef);
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = pageOf.get(Number(m[2]));
    const name = (m[1] as string).replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (page !== undefined) found.set(name, page);
  }
  return found;
}

/** A PDF text string in UTF-16BE with its byte order mark, as hex: any character, nothing to escape. */
const toPdfString = (value: string): string =>
  `<FEFF${Array.from(value, (c) => c.codePointAt(0) as number)
    .flatMap((cp) => (cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp]))
    .map((u) => u.toString(16).toUpperCase().padStart(4, '0'))
    .join('')}>`;

/**
 * The PDF with an Info dictionary holding the given fields on top of the ones it had (title, producer, dates),
 * appended as an incremental update: the original bytes stay as they were, a reader takes the newest Info.
 */
export function withInfoFields(pdf: Uint8Array, fields: Record<string, string>): Uint8Array {
  const xref = readXref(pdf);
  const size = Number(/\/Size\s+(\d+)/.exec(xref.trailer)?.[1] ?? NaN);
  const root = refOf(xref.trailer, 'Root');
  if (!Number.isInteger(size) || root === undefined) throw new CarsError('PDF trailer without Size or Root', 'pack-pdf');
  const infoRef = refOf(xref.trailer, 'Info');
  const old =
    infoRef === undefined
      ? '<<>>'
      : readObject(pdf, xref, infoRef)
          .replace(/^\s*\d+\s+0\s+obj\s*/, '')
          .trim();
  const keys = Object.keys(fields);
  // Old entries other than the new keys, kept as written (values run up to the next key).
  const kept = (/^<<([\s\S]*)>>$/.exec(old)?.[1] ?? '')
    .split(/(?=\n\/[A-Za-z]+\s)/)
    .filter((entry) => entry.trim() && !keys.some((k) => new RegExp(`^\\s*/${k}\\s`).test(entry)));
  const added = keys.map((k) => `\n/${k} ${toPdfString(fields[k] as string)}`);
  const object = `${size} 0 obj\n<<${[...kept, ...added].join('')}>>\nendobj\n`;
  const lead = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objectAt = pdf.length + lead.length;
  const xrefAt = objectAt + Buffer.byteLength(object, 'latin1');
  const id = /\/ID\s*(\[[^\]]*\])/.exec(xref.trailer)?.[1];
  const update =
    `${lead}${object}xref\n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${size + 1}\n/Root ${root} 0 R\n/Info ${size} 0 R${id ? `\n/ID ${id}` : ''}\n/Prev ${xref.start}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([pdf, Buffer.from(update, 'latin1')]));
}
