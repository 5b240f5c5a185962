import { MONTHLY_FAMILIES } from './families.ts';
import type { PartyView } from './input.ts';
import { buildFinding, type Finding } from './report.ts';
import type { TruthIndex } from './truth.ts';

const others = (reader: string, c: ReadonlyMap<string, number> | undefined): Map<string, number> =>
  new Map([...(c ?? [])].filter(([party, vol]) => party !== reader && vol > 0));

/** The one party that joined or left while every other contributor stayed the same, or null. */
export function toIsolatedParty(now: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): string | null {
  const changed = [...now.keys()].filter((p) => !before.has(p)).concat([...before.keys()].filter((p) => !now.has(p)));
  if (changed.length !== 1) return null;
  for (const [party, vol] of now) if (before.has(party) && before.get(party) !== vol) return null;
  return changed[0]!;
}

/** Check (d): a monthly figure published to the reader in both months must not single out a party that joined or left. */
export function buildMonthFindings(reader: PartyView, previous: PartyView, now: TruthIndex, before: TruthIndex): Finding[] {
  const findings: Finding[] = [];
  for (const family of MONTHLY_FAMILIES) {
    const shownNow = family.published(reader);
    const shownBefore = family.published(previous);
    const truthNow = now.of(family);
    const truthBefore = before.of(family);
    for (const [key, row] of shownNow) {
      const rowBefore = shownBefore.get(key);
      if (!rowBefore) continue;
      const cellNow = truthNow.get(key)?.contributions;
      const cellBefore = truthBefore.get(key)?.contributions;
      const party = toIsolatedParty(others(reader.partyId, cellNow), others(reader.partyId, cellBefore));
      if (party === null) continue;
      const joined = cellNow?.has(party) ?? false;
      const industry = family.industryVol!;
      const ownNow = cellNow?.get(reader.partyId) ?? 0;
      const ownBefore = cellBefore?.get(reader.partyId) ?? 0;
      const delta = industry(row) - industry(rowBefore) - (ownNow - ownBefore);
      const recovered = joined ? delta : -delta;
      const equation = `industry ${industry(row)} − ${industry(rowBefore)} last month − own change ${ownNow - ownBefore} = ${delta}`;
      findings.push(
        buildFinding(
          'd',
          reader.partyId,
          family.name,
          key,
          `one contributor ${joined ? 'joined' : 'left'} and the rest are unchanged`,
          `its volume ${recovered} (${party})`,
          {
            equation,
            recovered,
          },
        ),
      );
    }
  }
  return findings;
}
