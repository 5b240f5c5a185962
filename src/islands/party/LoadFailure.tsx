import { toUnlockError, unlockMessages } from './unlock.ts';

/** Why a load failed, in words; `retry` when asking again may help (a failed load is not cached, so it is fetched anew). */
export interface Failure {
  message: string;
  retry: boolean;
}

/** The report is open, so a network failure concerns this part only. */
const NETWORK_TEXT = 'These figures could not be loaded. Check your connection, then try again.';

export const toFailure = (error: unknown): Failure => {
  const { kind } = toUnlockError(error);
  return kind === 'network' ? { message: NETWORK_TEXT, retry: true } : { message: unlockMessages[kind], retry: false };
};

export function LoadFailure({ failure, onRetry }: { failure: Failure; onRetry: () => void }) {
  return (
    <p className="notice error">
      {failure.message}
      {failure.retry && (
        <>
          {' '}
          <button type="button" className="secondary" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </p>
  );
}
