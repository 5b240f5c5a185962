import type { Table } from 'apache-arrow/table';
import { openSealed, parseCredential, SealError, sha256, toHex, unwrapDataKey, type SealErrorKind } from '../../shared/seal/index.ts';
import { partyManifestSchema, type DatasetEntry, type PartyManifest } from '../../site/partyManifest.ts';

export type FetchBytes = (path: string) => Promise<Uint8Array>;

export interface UnlockedReport {
  manifest: PartyManifest;
  /**
   * Decrypt, verify and parse one dataset, cached. A dataset listed in parts (one per business process) is read
   * whole, all parts as one table, unless `part` names one of them: then only that part is fetched.
   */
  loadDataset(name: string, part?: string): Promise<Table>;
  /** A whole dataset already loaded (by `loadDataset`), else undefined: lets a view draw in its first render. */
  peekDataset(name: string): Table | undefined;
  /** Decrypt and verify one packed download (CSV or PDF) or the insight notes listed in the manifest. */
  loadDownload(file: string): Promise<Uint8Array>;
}

/** Whether this month's report has the dataset: a month may lack one that a view names. */
export const hasDataset = (report: UnlockedReport, name: string): boolean => report.manifest.datasets.some((d) => d.name === name);

/** What the recipient reads for each way unlocking can fail; nothing else is shown. */
export const unlockMessages: Record<SealErrorKind | 'network', string> = {
  malformed: 'That access token is not in the right form. Check that you copied all of it, or use your link again.',
  'no-entry': 'This access token does not open this report. It may have been withdrawn, or it belongs to another report.',
  'wrong-key': 'This access token is not correct for this report. Check that you copied all of it.',
  integrity: 'The report files are damaged or were changed after publication, so nothing is shown. Please tell the DCC.',
  'wrong-context': 'The report files belong to another report or month, so nothing is shown. Please tell the DCC.',
  network: 'The report files could not be loaded. Check your connection and try again.',
};

export class UnlockError extends Error {
  readonly kind: SealErrorKind | 'network';
  constructor(kind: SealErrorKind | 'network', detail: string) {
    super(detail);
    this.name = 'UnlockError';
    this.kind = kind;
  }
}

export const toUnlockError = (error: unknown): UnlockError =>
  error instanceof UnlockError
    ? error
    : error instanceof SealError
      ? new UnlockError(error.kind, error.message)
      : new UnlockError('network', String(error));

export const fetchBytesFrom =
  (baseUrl: string): FetchBytes =>
  async (path) => {
    const response = await fetch(new URL(path, baseUrl), { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new UnlockError('network', `${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };

/**
 * `fetchBytes`, with `ahead()` to request files before anyone asks for them: a later request for one takes the
 * response already under way. Its failure surfaces only there (a file this month lacks is never asked for).
 */
export function fetchingAhead(fetchBytes: FetchBytes): FetchBytes & { ahead(paths: readonly string[]): void } {
  const pending = new Map<string, Promise<Uint8Array>>();
  const fetchOne = (path: string): Promise<Uint8Array> => {
    const early = pending.get(path);
    pending.delete(path);
    return early ?? fetchBytes(path);
  };
  return Object.assign(fetchOne, {
    ahead(paths: readonly string[]) {
      for (const path of paths) {
        const early = fetchBytes(path);
        early.catch(() => undefined);
        pending.set(path, early);
      }
    },
  });
}

/** Unwrap the data key with the recipient's credential, then open and check the party manifest. */
export async function unlockReport(
  credentialText: string,
  context: { partySlug: string; month: string },
  fetchBytes: FetchBytes,
): Promise<UnlockedReport> {
  try {
    const credential = parseCredential(credentialText);
    // The sealed manifest needs no key to fetch: both requests go out at once.
    const [keyring, sealedManifest] = await Promise.all([fetchBytes('keyring.json'), fetchBytes('data/manifest.json.sealed')]);
    const dataKey = await unwrapDataKey(keyring, credential, context);
    const manifestPlain = await openSealed(sealedManifest, dataKey, {
      ...context,
      fileName: 'manifest.json',
    });
    const parsed = partyManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(manifestPlain)));
    if (!parsed.success || parsed.data.month !== context.month) throw new SealError('malformed', 'party manifest');
    const manifest = parsed.data;
    const openFile = async (entry: { file: string; sha256: string }): Promise<Uint8Array> => {
      const plain = await openSealed(await fetchBytes(`data/${entry.file}.sealed`), dataKey, { ...context, fileName: entry.file });
      if (toHex(await sha256(plain)) !== entry.sha256) throw new SealError('integrity', `${entry.file} digest`);
      return plain;
    };
    const loadDownload = async (file: string): Promise<Uint8Array> => {
      const entry = [...(manifest.downloads ?? []), ...(manifest.insights ? [manifest.insights] : [])].find((d) => d.file === file);
      if (!entry) throw new UnlockError('malformed', `no download ${file}`);
      return openFile(entry).catch((error: unknown) => {
        throw toUnlockError(error);
      });
    };
    // Per file, and per dataset name for a dataset read whole from its parts.
    const cache = new Map<string, Promise<Table>>();
    const loaded = new Map<string, Table>();
    const cached = (key: string, make: () => Promise<Table>): Promise<Table> => {
      let pending = cache.get(key);
      if (!pending) {
        pending = make();
        cache.set(key, pending);
        pending.then(
          (table) => loaded.set(key, table),
          () => cache.delete(key),
        );
      }
      return pending;
    };
    const openEntry = (entry: DatasetEntry): Promise<Table> =>
      cached(entry.file, async () => {
        // Arrow loads only once a report is open (not part of the sign-in page's script), while the file downloads.
        const reader = import('../../site/arrowRead.ts');
        reader.catch(() => undefined);
        try {
          const plain = await openFile(entry);
          return (await reader).readArrowTable(plain);
        } catch (error) {
          throw toUnlockError(error);
        }
      });
    const loadDataset = (name: string, part?: string): Promise<Table> => {
      const entries = manifest.datasets.filter((d) => d.name === name);
      const only = entries.find((d) => d.part === part) ?? (entries[1] ? undefined : entries[0]);
      return only
        ? openEntry(only)
        : cached(name, async () => {
            if (!entries[0]) throw new UnlockError('malformed', `no dataset ${name}`);
            const [first, ...rest] = await Promise.all(entries.map(openEntry));
            return (first as Table).concat(...rest);
          });
    };
    const peekDataset = (name: string): Table | undefined => {
      const entries = manifest.datasets.filter((d) => d.name === name);
      return loaded.get(entries.length === 1 ? entries[0]!.file : name);
    };
    return { manifest, loadDataset, peekDataset, loadDownload };
  } catch (error) {
    throw toUnlockError(error);
  }
}
