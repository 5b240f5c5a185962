import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { CarsError } from '../../lib/errors.ts';

/**
 * Deterministic POSIX ustar: entries in the order given (callers sort), regular files only,
 * mode 0644, uid/gid 0, no user names, mtime fixed, so the same files always give the same bytes.
 */
export const BLOCK = 512;
const FIXED_MTIME = 0;

export interface TarSource {
  path: string;
  size: number;
  /** The entry's bytes as a stream (read lazily while writing). */
  read(): AsyncIterable<Uint8Array>;
}

export interface TarEntry {
  path: string;
  size: number;
  /** Byte offset of the entry's data in the tar file. */
  offset: number;
}

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

/** Split a path into ustar `prefix` (≤155) and `name` (≤100) at a slash. */
export function splitTarPath(path: string): { prefix: string; name: string } {
  const bytes = Buffer.byteLength(path);
  if (bytes <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name) return { prefix, name };
  }
  throw new CarsError('path too long for a ustar archive', path);
}

/** Relative, `/`-separated, no `.`, `..` or empty segment, no backslash or control character. */
export const isSafeTarPath = (path: string): boolean =>
  Boolean(path) &&
  !path.startsWith('/') &&
  ![...path].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) &&
  !path.split('/').some((p) => p === '..' || p === '.' || p === '');

export function toTarHeader(path: string, size: number): Buffer {
  if (!isSafeTarPath(path)) throw new CarsError('unsafe archive path', path);
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitTarPath(path);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(FIXED_MTIME, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  const sum = header.reduce((acc, byte) => acc + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Write a tar of `sources` to `path` (streamed; the caller picks a temporary path and renames). */
export async function writeTar(path: string, sources: Iterable<TarSource>): Promise<void> {
  const out = createWriteStream(path);
  const write = (chunk: Uint8Array): Promise<void> | void => {
    if (!out.write(chunk)) return new Promise((done) => out.once('drain', done));
  };
  try {
    for (const source of sources) {
      await write(toTarHeader(source.path, source.size));
      let written = 0;
      for await (const chunk of source.read()) {
        written += chunk.length;
        await write(chunk);
      }
      if (written !== source.size) throw new CarsError('file changed while archiving', source.path);
      await write(padding(source.size));
    }
    await write(Buffer.alloc(BLOCK * 2));
  } finally {
    out.end();
    await finished(out);
  }
}

const readField = (header: Buffer, at: number, length: number): string => {
  const field = header.subarray(at, at + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
};

/**
 * The entries of a tar this module wrote (regular files); anything else is an error, not skipped:
 * links and other types, unsafe paths, and a path that appears twice (an extractor would keep the last).
 */
export async function readTarEntries(path: string): Promise<TarEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size: total } = await file.stat();
    const entries: TarEntry[] = [];
    const seen = new Set<string>();
    const header = Buffer.alloc(BLOCK);
    for (let at = 0; at + BLOCK <= total;) {
      await file.read(header, 0, BLOCK, at);
      if (header.every((b) => b === 0)) return entries;
      const stored = parseInt(readField(header, 148, 8).trim(), 8);
      const sum = header.reduce((acc, b, i) => acc + (i >= 148 && i < 156 ? 32 : b), 0);
      if (stored !== sum) throw new CarsError('damaged archive header', `at byte ${at}`, path);
      const type = String.fromCharCode(header[156] ?? 0);
      if (type !== '0' && type !== '\0') throw new CarsError('unexpected archive entry type', type, path);
      const name = readField(header, 0, 100);
      const prefix = readField(header, 345, 155);
      const sizeField = readField(header, 124, 12).trim();
      if (!/^[0-7]+$/.test(sizeField)) throw new CarsError('damaged archive header', `size at byte ${at}`, path);
      const size = parseInt(sizeField, 8);
      const entryPath = prefix ? `${prefix}/${name}` : name;
      if (!isSafeTarPath(entryPath)) throw new CarsError('unsafe archive entry', JSON.stringify(entryPath), path);
      if (seen.has(entryPath)) throw new CarsError('duplicate archive entry', entryPath, path);
      seen.add(entryPath);
      entries.push({ path: entryPath, size, offset: at + BLOCK });
      at += BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
      if (at > total) throw new CarsError('truncated archive', entryPath, path);
    }
    throw new CarsError('archive has no end marker', path);
  } finally {
    await file.close();
  }
}

/** An entry's data as a stream. */
export const readTarEntry = (path: string, entry: TarEntry): AsyncIterable<Uint8Array> =>
  entry.size === 0 ? (async function* () {})() : createReadStream(path, { start: entry.offset, end: entry.offset + entry.size - 1 });
