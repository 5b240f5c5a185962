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
