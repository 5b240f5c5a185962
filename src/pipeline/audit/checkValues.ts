import type { DisclosurePolicy } from '../../shared/policy.ts';
import type { AuditMonth, PartyView } from './input.ts';
import { buildFinding, type Finding } from './report.ts';

/** Columns a peer row may carry: its cell, a rank or peer number, the value, `is_you`. */
export const PEER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  item_peers: ['role', 'item_id', 'rank', 'success_rate_pct', 'rtt_mean', 'is_you'],
  league: ['role', 'business_process', 'status', 'rank', 'success_rate_pct', 'is_you'],
  inventory_peers: ['role', 'device_type', 'model', 'peer', 'firmware', 'share'],
};

/** Where a party may legitimately be named: an ED sees its import suppliers. */
const NAMED_ALLOWED = new Set(['ed_n16_n42.supplier_id', 'ed_n16_n42.supplier_name']);

/** Check (c): no text value names another party, and peer rows carry no extra column. */
export function buildLabelFindings(reader: PartyView, month: AuditMonth): Finding[] {
  const labels = new Map<string, string>();
  for (const p of month.parties)
    if (p.partyId !== reader.partyId) {
      labels.set(p.partyId, p.partyId);
      labels.set(p.partyName, p.partyId);
    }
  const findings: Finding[] = [];
  for (const [dataset, { columns, rows }] of Object.entries(reader.datasets)) {
    const allowed = PEER_COLUMNS[dataset];
    for (const c of columns)
      if (allowed && !allowed.includes(c.name))
        findings.push(buildFinding('c', reader.partyId, dataset, c.name, 'peer rows carry an unexpected column', c.name));
    const texts = columns.filter((c) => c.type === 'utf8' && !NAMED_ALLOWED.has(`${dataset}.${c.name}`)).map((c) => c.name);
    const seen = new Set<string>();
    for (const row of rows)
      for (const column of texts) {
        const value = row[column];
        if (typeof value !== 'string' || !labels.has(value) || seen.has(`${column}|${value}`)) continue;
        seen.add(`${column}|${value}`);
        findings.push(buildFinding('c', reader.partyId, dataset, column, 'value names another party', `${value} (${labels.get(value)!})`));
      }
  }
  return findings;
}

const PEER_DATASETS = Object.keys(PEER_COLUMNS);

/** The rounding step of a peer float column: percent columns in pp, shares and rates as fractions; null when not a share or rate. */
export function toRoundingStep(column: string, policy: DisclosurePolicy): number | null {
  if (column.endsWith('_pct')) return policy.leagueRoundingPp;
  if (column === 'share' || column.endsWith('_share') || column.endsWith('_rate')) return policy.leagueRoundingPp / 100;
  return null;
}

export const isRounded = (value: number, step: number): boolean => Math.abs(value / step - Math.round(value / step)) < 1e-6;

/** Checks (e) and (f): peer shares and rates are rounded; no industry minimum or maximum is published. One finding per column. */
export function buildValueFindings(reader: PartyView, policy: DisclosurePolicy): Finding[] {
  const findings: Finding[] = [];
  for (const [dataset, { columns, rows }] of Object.entries(reader.datasets))
    for (const c of columns) {
      const step = PEER_DATASETS.includes(dataset) && c.type === 'float64' ? toRoundingStep(c.name, policy) : null;
      const orderStat = /^industry_.*_(min|max)$/.test(c.name);
      if (step === null && !orderStat) continue;
      const bad = rows.map((r) => r[c.name]).filter((v): v is number => typeof v === 'number' && (orderStat || !isRounded(v, step!)));
      if (bad.length === 0) continue;
      const example = `${bad.length} of ${rows.length} rows, e.g. ${bad[0]}`;
      findings.push(
        orderStat
          ? buildFinding(
              'f',
              reader.partyId,
              dataset,
              c.name,
              'industry minimum or maximum published (each is one party’s exact value)',
              example,
            )
          : buildFinding('e', reader.partyId, dataset, c.name, `peer value not rounded to ${step}`, example),
      );
    }
  return findings;
}
