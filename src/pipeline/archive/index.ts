export { runArchive, readToolVersion, type ArchiveOptions } from './archive.ts';
export { runVerify, toVerifyText, toDifferences, type VerifyReport } from './verify.ts';
export { rewrapArchive, listArchivedMonths, type ArchiveRewrapResult } from './rewrapArchive.ts';
export { archiveManifestSchema, readArchiveManifest, toManifestPath, toTarPath, type ArchiveManifest } from './manifest.ts';
export { readTarEntries, writeTar, toTarHeader } from './tar.ts';
