import type { DisclosurePolicy } from '../../shared/policy.ts';
import { OTHER_FIRMWARE } from '../../shared/policy.ts';
import { INVENTORY, INVENTORY_PEERS, ITEM_PEERS, LEAGUE, type Family } from './families.ts';
import { num, rowsOf, toKey, type PartyView } from './input.ts';
import { buildFinding, type Finding } from './report.ts';
import type { Truth, TruthIndex } from './truth.ts';

/** Firmware → share of one party's devices of a model. */
export type Shares = ReadonlyMap<string, number>;
const MODEL_KEYS = ['role', 'device_type', 'model'];

/** Each party's firmware shares per model, from every party's own inventory. */
export function toPartyShares(truth: Truth): Map<string, Map<string, Map<string, number>>> {
  const counts = new Map<string, Map<string, Map<string, number>>>();
  for (const cell of truth.values()) {
    const model = toKey(cell.row, MODEL_KEYS);
    const parties = counts.get(model) ?? new Map<string, Map<string, number>>();
    counts.set(model, parties);
    for (const [party, devices] of cell.contributions) {
      const firmware = parties.get(party) ?? new Map<string, number>();
      parties.set(party, firmware);
      firmware.set(String(cell.row.firmware), devices);
    }
  }
  for (const parties of counts.values())
    for (const firmware of parties.values()) {
      const total = [...firmware.values()].reduce((s, v) => s + v, 0);
      for (const [f, n] of firmware) firmware.set(f, n / total);
    }
  return counts;
}

/** Whether a published peer vector (rounded to `step`, hidden firmware pooled) fits a party's true shares. */
export function fitsShares(peer: Shares, party: Shares, step: number): boolean {
  const tolerance = step / 2 + 1e-9;
  let pooled = 0;
  for (const [firmware, share] of party) if (!peer.has(firmware)) pooled += share;
  for (const [firmware, share] of peer) {
    const truth = firmware === OTHER_FIRMWARE ? pooled + (party.get(firmware) ?? 0) : party.get(firmware);
    if (truth === undefined || Math.abs(truth - share) > tolerance) return false;
  }
  return peer.has(OTHER_FIRMWARE) || pooled <= tolerance;
}

/** Peer number → party, for the peers that fit exactly one party; null when any peer is ambiguous. */
export function resolvePeers(
  peers: ReadonlyMap<number, Shares>,
  parties: ReadonlyMap<string, Shares>,
  step: number,
): Map<number, string> | null {
  const out = new Map<number, string>();
  for (const [peer, shares] of peers) {
    const fits = [...parties].filter(([, s]) => fitsShares(shares, s, step)).map(([p]) => p);
    if (fits.length !== 1) return null;
    out.set(peer, fits[0]!);
  }
  return out;
}

function toPeerVectors(view: PartyView): Map<string, Map<number, Map<string, number>>> {
  const out = new Map<string, Map<number, Map<string, number>>>();
  for (const row of rowsOf(view, 'inventory_peers')) {
    const model = toKey(row, MODEL_KEYS);
    const peers = out.get(model) ?? new Map<number, Map<string, number>>();
    out.set(model, peers);
    const peer = num(row, 'peer');
    peers.set(peer, (peers.get(peer) ?? new Map<string, number>()).set(String(row.firmware), num(row, 'share')));
  }
  return out;
}

/** Probability of at least `k` events when `lambda` are expected (Poisson). */
export function toPoissonTail(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let below = 0;
  for (let j = 0; j < k; j += 1) {
    below += term;
    term *= lambda / (j + 1);
  }
  return Math.max(0, 1 - below);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
/** A reader's stable numberings count only when chance cannot explain them (a random numbering repeats with 1/n!). */
export const CHANCE_LIMIT = 1e-6;

/** Check (g): inventory peers keep their numbers from last month, so a reader can follow one peer. */
export function buildPeerTrackingFindings(
  reader: PartyView,
  previous: PartyView,
  now: TruthIndex,
  before: TruthIndex,
  policy: DisclosurePolicy,
): Finding[] {
  const step = policy.leagueRoundingPp / 100;
  const sharesNow = now.memo('shares', () => toPartyShares(now.of(INVENTORY)));
  const sharesBefore = before.memo('shares', () => toPartyShares(before.of(INVENTORY)));
  const vectorsBefore = toPeerVectors(previous);
  const stable: { model: string; peers: number }[] = [];
  let expected = 0;
  for (const [model, peers] of toPeerVectors(reader)) {
    const peersBefore = vectorsBefore.get(model);
    if (!peersBefore || peers.size < 3 || peersBefore.size !== peers.size) continue;
    const others = (m: Map<string, Map<string, number>> | undefined): Map<string, Shares> =>
      new Map([...(m ?? [])].filter(([p]) => p !== reader.partyId));
    const mapNow = resolvePeers(peers, others(sharesNow.get(model)), step);
    const mapBefore = resolvePeers(peersBefore, others(sharesBefore.get(model)), step);
    if (!mapNow || !mapBefore) continue;
    expected += 1 / factorial(peers.size);
    if ([...mapNow].every(([peer, party]) => mapBefore.get(peer) === party)) stable.push({ model, peers: peers.size });
  }
  if (stable.length === 0 || toPoissonTail(stable.length, expected) >= CHANCE_LIMIT) return [];
  return stable.map(({ model, peers }) =>
    buildFinding(
      'g',
      reader.partyId,
      'inventory_peers',
      model,
      'peer numbers unchanged from last month',
      `${peers} peers keep their numbers`,
    ),
  );
}

/** Peers a reader is shown per cell: rows other than its own (league: published ones); inventory: peer numbers. */
function countShownPeers(view: PartyView, family: Family): Map<string, number> {
  const peers = new Map<string, Set<unknown>>();
  rowsOf(view, family.dataset).forEach((row, i) => {
    if (row.is_you === true || row.status === 'suppressed') return;
    const key = toKey(row, family.keys);
    peers.set(key, (peers.get(key) ?? new Set()).add(family === INVENTORY_PEERS ? row.peer : i));
  });
  return new Map([...peers].map(([key, seen]) => [key, seen.size]));
}

/**
 * Check (e), volumes: a peer's rounded rate or share stands only for a volume of at least minPeerVolume (below it a
 * few peers' values and the industry totals can have one whole-number solution). Peers are anonymous, so per cell
 * the peers shown may not outnumber the other parties at or above that volume.
 */
export function buildPeerVolumeFindings(reader: PartyView, truths: TruthIndex, policy: DisclosurePolicy): Finding[] {
  const findings: Finding[] = [];
  for (const family of [ITEM_PEERS, LEAGUE, INVENTORY_PEERS]) {
    const truth = truths.of(family);
    for (const [key, shown] of countShownPeers(reader, family)) {
      const contributions = truth.get(key)?.contributions ?? new Map<string, number>();
      const allowed = [...contributions].filter(([party, vol]) => party !== reader.partyId && vol >= policy.minPeerVolume).length;
      if (shown > allowed)
        findings.push(
          buildFinding(
            'e',
            reader.partyId,
            family.dataset,
            key,
            `more peers shown than parties with at least ${policy.minPeerVolume}`,
            `${shown} shown, ${allowed} qualify`,
          ),
        );
    }
  }
  return findings;
}
