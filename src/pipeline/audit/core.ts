import { buildFirmwareFindings } from './checkFirmware.ts';
import { buildPrimaryFindings } from './checkPrimary.ts';
import { buildMonthFindings } from './checkMonths.ts';
import { buildPeerTrackingFindings, buildPeerVolumeFindings } from './checkPeers.ts';
import { buildRootCauseFindings } from './checkRootCauses.ts';
import { buildSubtractionFindings } from './checkSubtraction.ts';
import { buildLabelFindings, buildValueFindings } from './checkValues.ts';
import type { AuditMonth } from './input.ts';
import type { Finding } from './report.ts';
import { buildTruthIndex } from './truth.ts';

/** The first finding of each (check, dataset, cell, problem): two checks can reach one cell (a firmware slice of an item with one model, from the item and from the model; a figure hidden in two earlier months). */
export const toDistinctFindings = (findings: readonly Finding[]): Finding[] => {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = [f.check, f.dataset, f.cell, f.problem].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export interface AuditOutcome {
  readers: number;
  cellsChecked: number;
  findings: Finding[];
}

/**
 * Every check for every reader of the month; `previous` (last month's partitions) enables checks d and g, and `older`
 * (the months before it, newest first) check d against them too: a figure hidden last month is still shown in those.
 */
export function buildAudit(
  month: AuditMonth,
  previous: AuditMonth | null,
  onReader: (done: number) => void = () => {},
  older: readonly AuditMonth[] = [],
): AuditOutcome {
  const policy = month.policy;
  const now = buildTruthIndex(month);
  const before = previous ? buildTruthIndex(previous) : null;
  // check d over every earlier month, last month first; check g over last month only
  const earlier = [
    ...(previous && before ? [{ month: previous, truth: before }] : []),
    ...older.map((m) => ({ month: m, truth: buildTruthIndex(m) })),
  ];
  const findings: Finding[] = [];
  let cellsChecked = 0;
  month.parties.forEach((reader, i) => {
    const own: Finding[] = [];
    const primary = buildPrimaryFindings(reader, now, policy);
    own.push(...primary.findings);
    cellsChecked += primary.cellsChecked;
    own.push(...buildSubtractionFindings(reader, now, policy));
    own.push(...buildRootCauseFindings(reader, now, policy));
    own.push(...buildFirmwareFindings(reader, now, policy));
    own.push(...buildLabelFindings(reader, month));
    own.push(...buildValueFindings(reader, policy));
    own.push(...buildPeerVolumeFindings(reader, now, policy));
    for (const { month: then, truth } of earlier) {
      const view = then.parties.find((p) => p.partyId === reader.partyId);
      if (view) own.push(...buildMonthFindings(reader, view, now, truth));
    }
    const last = previous?.parties.find((p) => p.partyId === reader.partyId);
    if (last && before) own.push(...buildPeerTrackingFindings(reader, last, now, before, policy));
    findings.push(...toDistinctFindings(own));
    onReader(i + 1);
  });
  return { readers: month.parties.length, cellsChecked, findings };
}
