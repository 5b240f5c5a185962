export type SealErrorKind = 'malformed' | 'no-entry' | 'wrong-key' | 'integrity' | 'wrong-context';

const MESSAGES: Record<SealErrorKind, string> = {
  malformed: 'not a readable sealed file',
  'no-entry': 'this access key is not (or no longer) valid for this report',
  'wrong-key': 'the access key does not match',
  integrity: 'the file failed its integrity check',
  'wrong-context': 'the file belongs to another report or month',
};

/** The only error the seal core throws; `kind` is what a UI shows. */
export class SealError extends Error {
  readonly kind: SealErrorKind;

  constructor(kind: SealErrorKind, detail?: string) {
    super(`${MESSAGES[kind]}${detail ? `: ${detail}` : ''}`);
    this.name = 'SealError';
    this.kind = kind;
  }
}

export const isSealError = (error: unknown): error is SealError => error instanceof SealError;
