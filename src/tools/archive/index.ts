export { runArchive, readToolVersion, type ArchiveOptions } from './archive.ts';
export { runVerify, toVerifyText, toDifferences, type VerifyReport, type VerifyOptions } from './verify.ts';
export { rewrapArchive, listArchivedMonths, type ArchiveRewrapResult } from './rewrapArchive.ts';
export {
  archiveManifestSchema,
  readArchiveManifest,
  readSignedManifest,
  toManifestPath,
  toTarPath,
  type ArchiveManifest,
} from './manifest.ts';
export { ARCHIVE_KEY_FILE, PUBLISHED_KEY_FILE, readSigningKey, readPublicKey, toSignaturePath, toKeyId } from './signing.ts';
export { readTarEntries, writeTar, toTarHeader, isSafeTarPath } from './tar.ts';
