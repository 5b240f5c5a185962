export { SealError, isSealError, type SealErrorKind } from './errors.ts';
export { parseCredential, formatCredential, deriveRecipientSecrets, type Credential, type RecipientSecrets } from './credential.ts';
export { buildKeyring, parseKeyring, unwrapDataKey, type Keyring, type KeyringEntry, type KeyringRecipient } from './keyring.ts';
export { sealFile, buildSealedHeader, openSealed, parseSealedHeader, sha256, type SealOptions, type SealedHeader } from './sealedFile.ts';
export { toSizeClass, toPaddedLength, PAD_UNIT, LENGTH_FIELD, MAX_SEALED_PAYLOAD } from './padding.ts';
export { deriveFileKey, importDataKey, type DataKey } from './fileKey.ts';
export { toBase64Url, fromBase64Url, randomBytes, toHex } from './bytes.ts';
export * from './format.ts';
