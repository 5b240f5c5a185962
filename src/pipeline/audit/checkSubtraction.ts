import type { DisclosurePolicy } from '../../shared/policy.ts';
import { HIERARCHIES, type Family } from './families.ts';
import { toKey, type PartyView, type Row } from './input.ts';
import { buildFinding, type Finding } from './report.ts';
import { addContributions, sumContributions, toRuleBreach, toRuleView } from './rule.ts';
import { groupChildren, type Truth, type TruthIndex } from './truth.ts';

interface Marginal {
  reader: string;
  parent: Family;
  child: Family;
  parentKey: string;
  childKeys: readonly string[];
  parentRow: Row | undefined;
  shown: ReadonlyMap<string, Row>;
  truth: Truth;
}

const othersVolume = (reader: string, contributions: ReadonlyMap<string, number>): number =>
  [...contributions].reduce((s, [party, vol]) => (party === reader ? s : s + vol), 0);

/** One parent and its cells, solved as the reader would: parent − shown cells − own hidden volume. */
function buildMarginalFindings(m: Marginal, policy: DisclosurePolicy): Finding[] {
  // a child that publishes no industry volume: its true volume, as if the reader knew it
  const childVol = (k: string): number =>
    m.child.industryVol ? m.child.industryVol(m.shown.get(k)!) : sumContributions(m.truth.get(k)?.contributions ?? new Map());
  const shownKeys = m.childKeys.filter((k) => m.shown.has(k));
  const hidden = m.childKeys.filter((k) => !m.shown.has(k));
  const shownSum = shownKeys.reduce((s, k) => s + childVol(k), 0);
  const own = (k: string): number => m.truth.get(k)!.contributions.get(m.reader) ?? 0;
  if (!m.parentRow) {
    if (hidden.length > 0 || shownKeys.length === 0) return [];
    const equation = `${m.parent.name} ${m.parentKey} = Σ ${shownKeys.length} published ${m.child.name} cells = ${shownSum}`;
    return [
      buildFinding('b', m.reader, m.parent.name, m.parentKey, 'suppressed total is the sum of its published cells', String(shownSum), {
        equation,
        recovered: shownSum,
      }),
    ];
  }
  const exposed = hidden.filter((k) => othersVolume(m.reader, m.truth.get(k)!.contributions) > 0);
  if (exposed.length === 0) return [];
  const parentVol = m.parent.industryVol!(m.parentRow);
  const ownHidden = hidden.reduce((s, k) => s + own(k), 0);
  if (exposed.length === 1) {
    const cell = exposed[0]!;
    // a cell that passes the rule may be known: it is hidden only because the reader has no row of it (root_causes)
    if (toRuleView(m.reader, m.truth.get(cell)!.contributions, policy).passes) return [];
    const recovered = parentVol - shownSum - (ownHidden - own(cell));
    const equation = `${m.child.name} ${cell} = ${m.parent.name} ${parentVol} − ${shownKeys.length} published cells ${shownSum} − own in ${hidden.length - 1} other hidden cells ${ownHidden - own(cell)} = ${recovered} (others ${recovered - own(cell)})`;
    return [
      buildFinding('b', m.reader, m.child.name, cell, 'suppressed cell recoverable by subtraction', String(recovered), {
        equation,
        recovered,
      }),
    ];
  }
  const union = new Map<string, number>();
  for (const k of exposed) addContributions(union, m.truth.get(k)!.contributions);
  const view = toRuleView(m.reader, union, policy);
  if (view.passes) return [];
  const recovered = parentVol - shownSum;
  const equation = `Σ ${hidden.length} hidden ${m.child.name} cells = ${m.parent.name} ${parentVol} − ${shownKeys.length} published cells ${shownSum} = ${recovered}`;
  return [
    buildFinding(
      'b',
      m.reader,
      m.parent.name,
      m.parentKey,
      'hidden cells sum to a figure that fails the disclosure rule',
      toRuleBreach(view, policy),
      {
        equation,
        recovered,
      },
    ),
  ];
}

/** One level of a hierarchy as one reader sees it: the parent cells published to it, and its shown child cells. */
export interface Level {
  parent: Family;
  child: Family;
  truth: Truth;
  /** Child cell keys by parent cell key. */
  groups: ReadonlyMap<string, readonly string[]>;
  parents: ReadonlyMap<string, Row>;
  shown: ReadonlyMap<string, Row>;
  /** The parent cell a child row adds into; undefined for rows outside the hierarchy. */
  parentOf: (row: Row) => string | undefined;
}

/** Every parent published to the reader, and every parent of a child shown to it, solved as a marginal. */
export function buildLevelFindings(reader: string, level: Level, policy: DisclosurePolicy): Finding[] {
  const keys = new Set(level.parents.keys());
  for (const row of level.shown.values()) {
    const key = level.parentOf(row);
    if (key !== undefined) keys.add(key);
  }
  const { parent, child, shown, truth } = level;
  return [...keys].flatMap((parentKey) =>
    buildMarginalFindings(
      {
        reader,
        parent,
        child,
        parentKey,
        childKeys: level.groups.get(parentKey) ?? [],
        parentRow: level.parents.get(parentKey),
        shown,
        truth,
      },
      policy,
    ),
  );
}

/** Check (b) for one reader over every hierarchy. */
export function buildSubtractionFindings(reader: PartyView, truths: TruthIndex, policy: DisclosurePolicy): Finding[] {
  return HIERARCHIES.flatMap(({ parent, child }) => {
    const truth = truths.of(child);
    const groups = truths.memo(`groups:${child.name}`, () => groupChildren(truth, parent.keys));
    const parents = parent.published(reader);
    const level = {
      parent,
      child,
      truth,
      groups,
      parents,
      shown: child.published(reader),
      parentOf: (row: Row) => toKey(row, parent.keys),
    };
    return buildLevelFindings(reader.partyId, level, policy);
  });
}
