import type { DisclosurePolicy } from '../../shared/policy.ts';
import { buildMarginalFindings } from './checkSubtraction.ts';
import { ROOT_CAUSES } from './families.ts';
import { toKey, type PartyView, type Row } from './input.ts';
import type { Finding } from './report.ts';
import { sumContributions } from './rule.ts';
import { groupChildrenBy, type TruthIndex } from './truth.ts';

/** The model slice's key of a firmware slice's row: the row names its model, whatever characters the names hold. */
const toModelKey = (row: Row): string => toKey({ ...row, dimension: 'model', slice: row.model ?? null }, ROOT_CAUSES.keys);

/**
 * Check (b) within the root causes: a model's firmware slices add up to its model slice. Worst case, as for the
 * slices of an item: the reader knows the volume of every slice published to it, the model's included.
 */
export function buildFirmwareFindings(reader: PartyView, truths: TruthIndex, policy: DisclosurePolicy): Finding[] {
  const truth = truths.of(ROOT_CAUSES);
  const groups = truths.memo('root-causes:firmware', () =>
    groupChildrenBy(truth, (row) => (row.dimension === 'firmware' ? toModelKey(row) : undefined)),
  );
  const shown = ROOT_CAUSES.published(reader);
  const models = new Set([...shown.values()].filter((r) => r.dimension === 'model').map((r) => toKey(r, ROOT_CAUSES.keys)));
  for (const row of shown.values()) if (row.dimension === 'firmware') models.add(toModelKey(row));
  const findings: Finding[] = [];
  for (const parentKey of models) {
    const parentVol = sumContributions(truth.get(parentKey)?.contributions ?? new Map());
    const parent = { ...ROOT_CAUSES, name: 'root_causes (model slice)', industryVol: () => parentVol };
    const childKeys = groups.get(parentKey) ?? [];
    const marginal = {
      reader: reader.partyId,
      parent,
      child: ROOT_CAUSES,
      parentKey,
      childKeys,
      parentRow: shown.get(parentKey),
      shown,
      truth,
    };
    findings.push(...buildMarginalFindings(marginal, policy));
  }
  return findings;
}
