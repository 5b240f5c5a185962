import type { ReportItem } from '../../shared/reportItems.ts';
import { credentialKey, parseFragmentCredential, parseSlugFromPath } from '../../site/credential.ts';
import { fetchMonths, monthHasParty, toSlugHash } from '../../site/months.ts';
import { fetchReportItems } from '../../site/reportItemsClient.ts';
import { OVERVIEW_DATASETS } from './overview.ts';
import { fetchBytesFrom, fetchingAhead, hasDataset, unlockReport, type UnlockedReport } from './unlock.ts';

/** Where a party microsite lives: its month, its slug and the month's base path. */
export interface Place {
  month: string;
  slug: string;
  base: string;
}

/** Sign-in work in flight for one credential; each promise is settled once and shared. */
export interface Opening {
  credential: string;
  report: Promise<UnlockedReport>;
  items: Promise<ReportItem[]>;
  /** Every month this party has, oldest first (this month included). */
  history: Promise<UnlockedReport[]>;
  /**
   * Settles once the report, the report items and the first view's datasets are in, or FIRST_VIEW_WAIT_MS after the
   * report unlocked (never rejects); from then on `opened` holds the first two, unless one failed.
   */
  arrived: Promise<void>;
  opened?: { report: UnlockedReport; items: ReportItem[] };
}

/**
 * Take a credential from the `#k=` fragment (then strip it from the address bar and keep it for this tab) or from
 * this tab's session. `use` runs first: the report's requests go out before the address bar and storage are touched.
 */
export function takeCredential(key: string, use: (credential: string) => void = () => undefined): string | undefined {
  const fromFragment = parseFragmentCredential(location.hash);
  const credential = fromFragment ?? sessionStorage.getItem(key) ?? undefined;
  if (credential) use(credential);
  if (fromFragment) {
    history.replaceState(null, '', location.pathname + location.search);
    sessionStorage.setItem(key, fromFragment);
  }
  return credential;
}

/** The months this party has: every listed month whose keyring opens with the same credential (each month has its own data key). */
async function openHistory(credential: string, place: Place, current: UnlockedReport): Promise<UnlockedReport[]> {
  const { slug, base } = place;
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
    a.manifest.month < b.manifest.month ? -1 : 1,
  );
}

/** Load Arrow's reader now; the first view needs it as soon as the report unlocks. */
function warmArrowReader(): void {
  import('../../site/arrowRead.ts').catch(() => undefined);
}

const FIRST_CHART_FILE = 'data/item_monthly.arrow.sealed';
/** On a slow link the report shows after this, its late datasets each loading in its own chart. */
const FIRST_VIEW_WAIT_MS = 1000;
const delay = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Start everything the first view needs at once: keyring and manifest first (small, and first needed), report items, code; then datasets and other months. */
export function startOpening(credential: string, place: Place): Opening {
  const fetchBytes = fetchingAhead(fetchBytesFrom(location.href));
  const report = unlockReport(credential, { partySlug: place.slug, month: place.month }, fetchBytes);
  // The first chart's dataset, which every party has (a row per report item of its roles): its name is fixed, so it
  // need not wait for the manifest. Requested after the keyring and the manifest.
  fetchBytes.ahead([FIRST_CHART_FILE]);
  const items = fetchReportItems(place.base);
  warmArrowReader();
  const firstView = report.then(
    (r) => Promise.race([openFirstView(r), delay(FIRST_VIEW_WAIT_MS)]),
    () => undefined,
  );
  const history = report.then((r) => openHistory(credential, place, r));
  // Handled by whoever reads them; a failure here must not also surface as an unhandled rejection.
  for (const pending of [report, items, history]) pending.catch(() => undefined);
  const opening: Opening = { credential, report, items, history, arrived: Promise.resolve() };
  opening.arrived = Promise.all([report, items, firstView]).then(
    ([r, i]) => void (opening.opened = { report: r, items: i }),
    () => undefined,
  );
  return opening;
}

/** Decrypt and parse the first view's datasets as soon as the report unlocks, before its code asks. */
function openFirstView(report: UnlockedReport): Promise<unknown> {
  return Promise.all(
    OVERVIEW_DATASETS.filter((name) => hasDataset(report, name)).map((name) => report.loadDataset(name).catch(() => undefined)),
  );
}

let early: Opening | undefined;

/**
 * Run as the shell's script starts, before React is evaluated: with a credential in the link or the
 * tab's session, the keyring, manifest and first-view datasets are fetched and opened meanwhile.
 * Settles once the report is unlocked, its first view's datasets opened and the report items in (or one of them
 * failed, or there is no credential): the UI's first render can then show the report with its figures.
 */
export async function startEarlyOpening(): Promise<void> {
  const host = document.getElementById('party-app');
  const slug = parseSlugFromPath(location.pathname);
  if (!host || !slug) return;
  const month = host.dataset.month ?? '';
  const place = { month, slug, base: host.dataset.base ?? `/${month}/` };
  takeCredential(credentialKey(month, slug), (credential) => {
    early = startOpening(credential, place);
  });
  // openFirstView was registered on the report first, so it has run when this settles.
  await early?.arrived;
}

/** The opening started with the page, once (signing in again later starts a new one). */
export function takeEarlyOpening(): Opening | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
