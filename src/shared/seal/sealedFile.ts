import { asBytes, concatBytes, equalBytes, fromUtf8, randomBytes, toBytes, utf8, type Bytes } from './bytes.ts';
import { SealError } from './errors.ts';
import { deriveFileKey, type DataKey } from './fileKey.ts';
import {
  COMPRESSION,
  FILE_NAME_PATTERN,
  FORMAT_VERSION,
  HEADER_CHECK_LENGTH,
  IV_LENGTH,
  LEGACY_FORMAT_VERSION,
  MAGIC,
  MONTH_PATTERN,
  SLUG_PATTERN,
  TAG_LENGTH,
  TYPE_SEALED_FILE,
  type Compression,
  type FileContext,
} from './format.ts';
import { isSizeClass, padPayload, unpadPayload } from './padding.ts';

export interface SealedHeader {
  version: number;
  compression: Compression;
  context: FileContext;
  iv: Bytes;
  /** Header bytes up to and including the IV: the AES-GCM additional data. */
  aad: Bytes;
  ciphertext: Bytes;
}

export const sha256 = async (bytes: Uint8Array): Promise<Bytes> =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', asBytes(bytes)));

function checkContext(context: FileContext): void {
  if (!SLUG_PATTERN.test(context.partySlug)) throw new SealError('malformed', 'party slug');
  if (!MONTH_PATTERN.test(context.month)) throw new SealError('malformed', 'month');
  if (!FILE_NAME_PATTERN.test(context.fileName)) throw new SealError('malformed', 'file name');
}

/** Header fields before the header check: magic, version, type, compression, slug, month, file name. */
function encodeHeaderFields(compression: Compression, context: FileContext): Bytes {
  const slug = utf8(context.partySlug);
  const month = utf8(context.month);
  const name = utf8(context.fileName);
  return concatBytes(
    new Uint8Array([...MAGIC, FORMAT_VERSION, TYPE_SEALED_FILE, COMPRESSION[compression], slug.length]),
    slug,
    new Uint8Array([month.length]),
    month,
    new Uint8Array([name.length >> 8, name.length & 0xff]),
    name,
  );
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Bytes> {
  // A stream over the bytes themselves: a Blob would first be copied into the browser's blob storage.
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(asBytes(bytes));
      controller.close();
    },
  });
  const stream = source.pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Parse the header; structural problems are `malformed`, a damaged header is `integrity`. */
export async function parseSealedHeader(file: Uint8Array): Promise<SealedHeader> {
  const bytes = asBytes(file);
  const fail = (detail: string): never => {
    throw new SealError('malformed', detail);
  };
  if (bytes.length < 9 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a sealed file');
  const version = bytes[4] as number;
  if (version !== FORMAT_VERSION && version !== LEGACY_FORMAT_VERSION) fail(`unsupported version ${version}`);
  if (bytes[5] !== TYPE_SEALED_FILE) fail('not a sealed data file');
  const compression = (Object.keys(COMPRESSION) as Compression[]).find((k) => COMPRESSION[k] === bytes[6]) ?? fail('unknown compression');
  let at = 7;
  const take = (length: number): Bytes => {
    if (at + length > bytes.length) fail('truncated header');
    const slice = bytes.slice(at, at + length);
    at += length;
    return slice;
  };
  const text = (slice: Bytes, what: string): string => {
    try {
      return fromUtf8(slice);
    } catch {
      return fail(what);
    }
  };
  const partySlug = text(take(take(1)[0] as number), 'party slug');
  const month = text(take(take(1)[0] as number), 'month');
  const nameLength = take(2);
  const fileName = text(take(((nameLength[0] as number) << 8) | (nameLength[1] as number)), 'file name');
  const fieldsEnd = at;
  const check = take(HEADER_CHECK_LENGTH);
  const iv = take(IV_LENGTH);
  if (bytes.length - at < TAG_LENGTH) fail('truncated');
  if (version === FORMAT_VERSION && !isSizeClass(bytes.length - at - TAG_LENGTH)) fail('ciphertext length is not a size class');
  const digest = await sha256(bytes.subarray(0, fieldsEnd));
  if (!equalBytes(digest.subarray(0, HEADER_CHECK_LENGTH), check)) throw new SealError('integrity', 'header damaged');
  const context = { partySlug, month, fileName };
  checkContext(context);
  return { version, compression, context, iv, aad: bytes.slice(0, at), ciphertext: bytes.subarray(at) };
}

export interface SealOptions {
  compression?: Compression;
  /** Fixed IV for known-answer tests only; normally random. */
  iv?: Uint8Array;
  /** A gzip of the caller's choosing (Node's zlib at a faster level than CompressionStream's); the format is the same. */
  gzip?: (plaintext: Uint8Array) => Promise<Uint8Array>;
}

/** The header of a sealed file up to and including its IV (random unless given): the additional data of its AES-GCM message. */
export async function buildSealedHeader(
  context: FileContext,
  compression: Compression,
  ivGiven?: Uint8Array,
): Promise<{ aad: Bytes; iv: Bytes }> {
  checkContext(context);
  const iv = ivGiven ? toBytes(ivGiven) : randomBytes(IV_LENGTH);
  if (iv.length !== IV_LENGTH) throw new SealError('malformed', 'IV length');
  const fields = encodeHeaderFields(compression, context);
  const check = (await sha256(fields)).subarray(0, HEADER_CHECK_LENGTH);
  return { aad: concatBytes(fields, check, iv), iv };
}

/** Compress, pad to a size class, then AES-256-GCM under the per-file key; the whole header is additional data. */
export async function sealFile(plaintext: Uint8Array, dataKey: DataKey, context: FileContext, options: SealOptions = {}): Promise<Bytes> {
  const compression = options.compression ?? 'gzip';
  const { aad, iv } = await buildSealedHeader(context, compression, options.iv);
  const gzip = options.gzip ?? ((bytes: Uint8Array) => pipeBytes(bytes, new CompressionStream('gzip')));
  const payload = compression === 'gzip' ? await gzip(plaintext) : plaintext;
  const body = padPayload(payload);
  const key = await deriveFileKey(dataKey, context);
  const ciphertext = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, body);
  return concatBytes(aad, new Uint8Array(ciphertext));
}

const sameContext = (a: FileContext, b: FileContext): boolean =>
  a.partySlug === b.partySlug && a.month === b.month && a.fileName === b.fileName;

/** Plaintext of a sealed file, only after the whole file authenticated under the expected context. */
export async function openSealed(file: Uint8Array, dataKey: DataKey, context: FileContext): Promise<Bytes> {
  const header = await parseSealedHeader(file);
  if (!sameContext(header.context, context))
    throw new SealError('wrong-context', `sealed for ${header.context.month}/${header.context.fileName}`);
  const key = await deriveFileKey(dataKey, context);
  let body: Bytes;
  try {
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: header.iv, additionalData: header.aad, tagLength: 128 },
      key,
      header.ciphertext,
    );
    body = new Uint8Array(plain);
  } catch {
    throw new SealError('integrity', 'authentication failed');
  }
  if (header.version === FORMAT_VERSION) body = unpadPayload(body);
  if (header.compression === 'none') return body;
  try {
    return await pipeBytes(body, new DecompressionStream('gzip'));
  } catch {
    throw new SealError('malformed', 'compressed payload unreadable');
  }
}
