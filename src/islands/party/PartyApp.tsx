import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { ReportItem } from '../../shared/reportItems.ts';
import { credentialKey, parseFragmentCredential } from '../../site/credential.ts';
import { fetchMonths, monthHasParty, toSlugHash } from '../../site/months.ts';
import { fetchReportItems } from '../../site/reportItemsClient.ts';
import { fetchBytesFrom, toUnlockError, unlockMessages, unlockReport, type UnlockedReport } from './unlock.ts';

// The report pages (charts, Plot, d3, Arrow) load only after sign-in succeeded.
const Report = lazy(() => import('./Report.tsx'));

type Opened = { report: UnlockedReport; items: ReportItem[]; history: UnlockedReport[]; credential: string };
type State = { status: 'signed-out'; error?: string } | { status: 'unlocking' } | ({ status: 'ready' } & Opened);

/** Take a credential from the `#k=` fragment (then strip it from the address bar) or from this tab's session. */
function takeCredential(key: string): string | undefined {
  const fromFragment = parseFragmentCredential(location.hash);
  if (fromFragment) {
    history.replaceState(null, '', location.pathname + location.search);
    sessionStorage.setItem(key, fromFragment);
    return fromFragment;
  }
  return sessionStorage.getItem(key) ?? undefined;
}

/** The months this party has: every listed month whose keyring opens with the same credential (each month has its own data key). */
async function openHistory(credential: string, slug: string, base: string, current: UnlockedReport): Promise<UnlockedReport[]> {
  const months = (await fetchMonths(base)).filter((m) => m !== current.manifest.month).slice(0, 12);
  const slugHash = await toSlugHash(slug);
  // A month whose list cannot be read is left out of the history rather than failing the sign-in.
  const listed = await Promise.all(months.map((month) => monthHasParty(base, month, slugHash).catch(() => false)));
  const others = await Promise.all(
    months
      .filter((_, i) => listed[i])
      .map((month) =>
        unlockReport(
          credential,
          { partySlug: slug, month },
          fetchBytesFrom(new URL(`${base}../${month}/u/${slug}/`, location.href).href),
        ).catch(
          () => undefined, // this party has no report that month, or this recipient no entry in it
        ),
      ),
  );
  return [current, ...others.filter((r): r is UnlockedReport => r !== undefined)].sort((a, b) =>
    a.manifest.month.localeCompare(b.manifest.month),
  );
}

export function PartyApp({ month, slug, base }: { month: string; slug: string; base: string }) {
  const key = credentialKey(month, slug);
  const print = new URLSearchParams(location.search).get('print') === '1';
  const [state, setState] = useState<State>({ status: 'unlocking' });
  const unlock = useCallback(
    (credential: string) => {
      setState({ status: 'unlocking' });
      unlockReport(credential, { partySlug: slug, month }, fetchBytesFrom(location.href))
        .then(async (report) => {
          const [items, history] = await Promise.all([fetchReportItems(base), openHistory(credential, slug, base, report)]);
          setState({ status: 'ready', report, items, history, credential });
        })
        .catch((error: unknown) => {
          sessionStorage.removeItem(key);
          setState({ status: 'signed-out', error: unlockMessages[toUnlockError(error).kind] });
        });
    },
    [key, month, slug, base],
  );
  useEffect(() => {
    const credential = takeCredential(key);
    if (credential) unlock(credential);
    else setState({ status: 'signed-out' });
  }, [key, unlock]);

  if (state.status === 'unlocking') return <p role="status">Opening your report…</p>;
  if (state.status === 'signed-out') return <SignIn error={state.error} onSubmit={(c) => (sessionStorage.setItem(key, c), unlock(c))} />;
  return (
    <Suspense fallback={<p role="status">Opening your report…</p>}>
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
    </Suspense>
  );
}

function SignIn({ error, onSubmit }: { error: string | undefined; onSubmit: (credential: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <section aria-labelledby="party-signin">
      <h1 id="party-signin">Sign in to this report</h1>
      <p>Paste the access token the DCC gave you, or open your personal link again.</p>
      {error && (
        <p className="notice error" role="alert" data-testid="unlock-error">
          {error}
        </p>
      )}
      <form className="stack" onSubmit={(e) => (e.preventDefault(), value.trim() && onSubmit(value.trim()))}>
        <label htmlFor="party-token">Access token</label>
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
