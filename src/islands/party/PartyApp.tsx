import { useCallback, useEffect, useState } from 'react';
import type { ReportItem } from '../../shared/reportItems.ts';
import { credentialKey } from '../../site/credential.ts';
import { startOpening, takeCredential, takeEarlyOpening, type Opening } from './opening.ts';
// Static, not lazy: the shell's script requests this whole UI after the report's own files, and React's Suspense
// would hold back showing a lazily loaded report by about 300 ms.
import Report from './Report.tsx';
import { toUnlockError, unlockMessages, type UnlockedReport } from './unlock.ts';
import { toPrintMode } from './place.ts';

/** `history` is unset while the other months are still being probed. */
type Opened = { report: UnlockedReport; items: ReportItem[]; history?: UnlockedReport[]; credential: string };
type State = { status: 'signed-out'; error?: string } | { status: 'unlocking' } | ({ status: 'ready' } & Opened);

export function PartyApp({ month, slug, base }: { month: string; slug: string; base: string }) {
  const key = credentialKey(month, slug);
  const print = toPrintMode(new URLSearchParams(location.search).get('print'));
  // The shell's own opening, usually unlocked before this code even loaded: then the first render is the report.
  const [early] = useState(takeEarlyOpening);
  const [state, setState] = useState<State>(() =>
    early?.opened ? { status: 'ready', ...early.opened, credential: early.credential } : { status: 'unlocking' },
  );
  // The current month shows at once; the month switcher and the trend follow when the other months are known.
  const followHistory = useCallback((opening: Opening, report: UnlockedReport) => {
    const settle = (history: UnlockedReport[]) => setState((s) => (s.status === 'ready' && s.report === report ? { ...s, history } : s));
    opening.history.then(settle, () => settle([report]));
  }, []);
  const follow = useCallback(
    (opening: Opening) => {
      setState({ status: 'unlocking' });
      Promise.all([opening.report, opening.items])
        .then(([report, items]) => {
          setState({ status: 'ready', report, items, credential: opening.credential });
          followHistory(opening, report);
        })
        .catch((error: unknown) => {
          sessionStorage.removeItem(key);
          setState({ status: 'signed-out', error: unlockMessages[toUnlockError(error).kind] });
        });
    },
    [key, followHistory],
  );
  const unlock = useCallback((credential: string) => follow(startOpening(credential, { month, slug, base })), [follow, month, slug, base]);
  useEffect(() => {
    if (early?.opened) return followHistory(early, early.opened.report);
    if (early) return follow(early);
    const credential = takeCredential(key);
    if (credential) unlock(credential);
    else setState({ status: 'signed-out' });
  }, [early, key, unlock, follow, followHistory]);

  if (state.status === 'unlocking') return <p role="status">Opening your report…</p>;
  if (state.status === 'signed-out') return <SignIn error={state.error} onSubmit={(c) => (sessionStorage.setItem(key, c), unlock(c))} />;
  return (
    <Report
      report={state.report}
      items={state.items}
      history={state.history}
      credential={state.credential}
      base={base}
      slug={slug}
      print={print}
      onSignOut={() => (sessionStorage.removeItem(key), setState({ status: 'signed-out' }))}
    />
  );
}

function SignIn({ error, onSubmit }: { error: string | undefined; onSubmit: (credential: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <section aria-labelledby="party-signin">
      <h1 id="party-signin">Sign in to this report</h1>
      <p>Paste the access key the DCC gave you for this report.</p>
      {error && (
        <p className="notice error" role="alert" data-testid="unlock-error">
          {error}
        </p>
      )}
      <form className="stack" onSubmit={(e) => (e.preventDefault(), value.trim() && onSubmit(value.trim()))}>
        <label htmlFor="party-token">Access key</label>
        <input
          id="party-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <div>
          <button type="submit">Open report</button>
        </div>
      </form>
    </section>
  );
}
