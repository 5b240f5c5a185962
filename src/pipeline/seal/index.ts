export { runSeal, sealDir, sealManifestSchema, toSignInLink, type SealManifest, type SealOptions } from './sealStage.ts';
export { rewrapKeyrings, findKeyrings, type RewrapResult } from './rewrap.ts';
export {
  readRegistry,
  writeRegistry,
  addRecipient,
  revokeRecipient,
  rotateRecipient,
  selectRecipient,
  activeRecipients,
  findParty,
  findPartyBySlug,
  type Registry,
  type PartyEntry,
  type RecipientEntry,
  type IssuedCredential,
} from './registry.ts';
export { readDataKey, readSealKey, readDataKeyHistory, findSealingKey } from './dataKeys.ts';
export { readCurrentSignInLinks, writeSignInLinks, toLinkLine, parseLinkLine, type SignInLink } from './signInLinks.ts';
