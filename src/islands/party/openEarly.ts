import { startEarlyOpening } from './opening.ts';

// The shell's only script, with a small module graph: with a credential at hand, the keyring, manifest and first
// datasets are requested first and the UI code (React and the report) after them, so they never queue behind it.
startEarlyOpening();
// A failure to load the UI is a bug and surfaces as an unhandled rejection in the console.
void import('./mount.tsx').then(({ mountPartyApp }) => mountPartyApp());
