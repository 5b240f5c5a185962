/** Constants and context rules of the sealed format (docs/sealed-format.md). */
/** Version of the sealed files written now: 2 pads the payload to a size class. */
export const FORMAT_VERSION = 2;
/** Unpadded sealed files of earlier builds; still opened so old months stay readable. */
export const LEGACY_FORMAT_VERSION = 1;
/** The keyring did not change with the padding and keeps its own version. */
export const KEYRING_VERSION = 1;
export const MAGIC = [0x43, 0x41, 0x52, 0x53] as const; // "CARS"
export const TYPE_SEALED_FILE = 0x01;
export const COMPRESSION = { none: 0x00, gzip: 0x01 } as const;
export type Compression = keyof typeof COMPRESSION;

export const IV_LENGTH = 12;
export const TAG_LENGTH = 16;
export const HEADER_CHECK_LENGTH = 8;
export const DATA_KEY_LENGTH = 32;
export const TOKEN_LENGTH = 32;
export const KEY_CHECK_LENGTH = 16;

export const FILE_KEY_SALT = 'cars-seal v1 file';
export const RECIPIENT_SALT = 'cars-seal v1 recipient';
export const KEYRING_FORMAT = 'cars-keyring';

export const SLUG_PATTERN = /^[a-z2-7]{16}$/;
export const RECIPIENT_PATTERN = /^[a-z2-7]{12}$/;
export { MONTH_PATTERN } from '../month.ts';
export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface SealContext {
  partySlug: string;
  month: string;
}

export interface FileContext extends SealContext {
  fileName: string;
}
