/**
 * Leak scanner: finds a party's canary values (name, id, device ids, distinctive numbers) in
 * files where they must not be, in plain, URL-encoded, HTML-entity, JSON-escaped, base64 and hex
 * forms. gzip files are scanned after decompression too. Reusable over any build output.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type LeakForm = 'plain' | 'url' | 'html-entity' | 'json' | 'base64' | 'hex';

export interface Canary {
  partyId: string;
  strings: string[];
}

export interface Leak {
  path: string;
  partyId: string;
  canary: string;
  form: LeakForm;
}

interface Needle {
  form: LeakForm;
  /** Latin-1 view of the UTF-8 bytes, so any file can be searched as a byte string. */
  text: string;
  caseless: boolean;
}

const bytesOf = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const MIN_NEEDLE = 4;

/** base64 of `s` at each of the 3 byte alignments it can have inside a longer encoded blob. */
function base64Forms(s: string): string[] {
  const data = Buffer.from(s, 'utf8');
  const forms: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), data]).toString('base64');
    const clean = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + data.length)) / 6));
    forms.push(clean, clean.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}

const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);

export function toNeedles(canary: string): Needle[] {
  const html = (c: string): string => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c;
  const forms: [LeakForm, string, boolean][] = [
    ['plain', canary, true],
    ['url', encodeURIComponent(canary), true],
    ['url', encodeURIComponent(canary).replaceAll('%20', '+'), true],
    ['url', encodeURI(canary), true],
    ['html-entity', Array.from(canary, html).join(''), true],
    [
      'html-entity',
      codePoints(canary)
        .map((c) => `&#${c};`)
        .join(''),
      true,
    ],
    [
      'html-entity',
      codePoints(canary)
        .map((c) => `&#x${c.toString(16)};`)
        .join(''),
      true,
    ],
    ['json', JSON.stringify(canary).slice(1, -1), true],
    ['json', Array.from(canary, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`).join(''), true],
    ...base64Forms(canary).map((f): [LeakForm, string, boolean] => ['base64', f, false]),
    ['hex', Buffer.from(canary, 'utf8').toString('hex'), true],
  ];
  const seen = new Set<string>();
  const needles: Needle[] = [];
  for (const [form, value, caseless] of forms) {
    const text = caseless ? bytesOf(value).toLowerCase() : bytesOf(value);
    const key = `${caseless}:${text}`;
    if (text.length < MIN_NEEDLE || seen.has(key)) continue;
    seen.add(key);
    needles.push({ form, text, caseless });
  }
  return needles;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Decoded views catch partial or mixed escaping that fixed encoded forms would miss. */
const DECODERS: [LeakForm, (text: string) => string][] = [
  ['json', (t) => t.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(["\\/])/g, '$1')],
  [
    'html-entity',
    (t) =>
      t
        .replace(/&#x([0-9a-fA-F]+);?/g, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
        .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)))
        .replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[n] ?? ''),
  ],
  ['url', (t) => t.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))],
];

function rawViews(bytes: Buffer): string[] {
  const out = [bytes.toString('latin1')];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      out.push(gunzipSync(bytes).toString('latin1'));
    } catch {
      // not actually gzip: the raw view is still scanned
    }
  }
  return out;
}

/** Every occurrence of a canary outside the files `allowed` grants to its party. */
export async function scanForLeaks(
  roots: string[],
  canaries: Canary[],
  allowed: (path: string, partyId: string) => boolean,
): Promise<Leak[]> {
  for (const c of canaries) {
    const short = c.strings.find((s) => s.length < MIN_NEEDLE);
    if (short !== undefined) throw new Error(`canary too short to scan reliably: ${JSON.stringify(short)} (${c.partyId})`);
  }
  const prepared = canaries.map((c) => ({ partyId: c.partyId, needles: c.strings.map((s) => ({ canary: s, needles: toNeedles(s) })) }));
  const leaks: Leak[] = [];
  for (const root of roots) {
    for (const path of await listFiles(root)) {
      const raw = rawViews(await readFile(path));
      const rawLower = raw.map((t) => t.toLowerCase());
      const decoded = DECODERS.map(([form, decode]) => ({ form, texts: raw.map((t) => decode(t).toLowerCase()) }));
      for (const party of prepared) {
        if (allowed(path, party.partyId)) continue;
        for (const { canary, needles } of party.needles) {
          const forms = new Set<LeakForm>();
          for (const needle of needles) {
            if ((needle.caseless ? rawLower : raw).some((h) => h.includes(needle.text))) forms.add(needle.form);
          }
          // decoded escapes yield characters, percent-decoding yields bytes: look for both spellings
          const spellings = [bytesOf(canary).toLowerCase(), canary.toLowerCase()];
          for (const view of decoded) {
            if (!forms.has('plain') && view.texts.some((h) => spellings.some((s) => h.includes(s)))) forms.add(view.form);
          }
          for (const form of forms) leaks.push({ path, partyId: party.partyId, canary, form });
        }
      }
    }
  }
  return leaks;
}
