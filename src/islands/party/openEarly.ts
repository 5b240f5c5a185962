import { startEarlyOpening } from './opening.ts';

// The shell's only script, with a small module graph. With a credential at hand, the keyring, manifest and first
// view's datasets are requested and opened first; only then is the UI code (React and the report's views) evaluated,
// which holds the main thread for a while and would otherwise delay every step of unlocking. The HTML preloads that
// code meanwhile, and the UI's first render finds the report and its first figures ready.
// A failure to load the UI is a bug and surfaces as an unhandled rejection in the console.
void startEarlyOpening()
  .then(() => import('./mount.tsx'))
  .then(({ mountPartyApp }) => mountPartyApp());
