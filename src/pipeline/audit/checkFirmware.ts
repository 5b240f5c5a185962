import type { DisclosurePolicy } from '../../shared/policy.ts';
import { buildLevelFindings } from './checkSubtraction.ts';
import { ROOT_CAUSES } from './families.ts';
import { toKey, type PartyView, type Row } from './input.ts';
import type { Finding } from './report.ts';
import { sumContributions } from './rule.ts';
import { groupChildrenBy, type TruthIndex } from './truth.ts';

/** The model slice's key of a firmware slice's row: the row names its model, whatever characters the names hold. */
const toModelKey = (row: Row): string => toKey({ ...row, dimension: 'model', slice: row.model ?? null, model: null }, ROOT_CAUSES.keys);

/**
 * Check (b) within the root causes: a model's firmware slices add up to its model slice. Worst case, as for the
 * slices of an item: the reader knows the volume of every slice published to it, the model's included.
 */
export function buildFirmwareFindings(reader: PartyView, truths: TruthIndex, policy: DisclosurePolicy): Finding[] {
  const truth = truths.of(ROOT_CAUSES);
  const parentOf = (row: Row): string | undefined => (row.dimension === 'firmware' ? toModelKey(row) : undefined);
  const groups = truths.memo('root-causes:firmware', () => groupChildrenBy(truth, parentOf));
  const shown = ROOT_CAUSES.published(reader);
  const parents = new Map([...shown].filter(([, row]) => row.dimension === 'model'));
  // a model slice publishes no volume: its true one, as if the reader knew it
  const modelVol = (row: Row): number => sumContributions(truth.get(toKey(row, ROOT_CAUSES.keys))?.contributions ?? new Map());
  const parent = { ...ROOT_CAUSES, name: 'root_causes (model slice)', industryVol: modelVol };
  return buildLevelFindings(reader.partyId, { parent, child: ROOT_CAUSES, truth, groups, parents, shown, parentOf }, policy);
}
