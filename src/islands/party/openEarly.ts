import { startEarlyOpening } from './opening.ts';

// Evaluated before the UI code (see the party shell page): start signing in at once.
startEarlyOpening();
