import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUSINESS_PROCESSES, REPORT_ITEMS, toItemsForRole } from '../../src/shared/reportItems.ts';

const readCsv = (name: string): Record<string, string>[] => {
  const text = readFileSync(new URL(`../../data/reference/${name}`, import.meta.url), 'utf8').trim();
  const [header, ...lines] = text.split('\n');
  const columns = header!.split(',');
  return lines.map((line) => {
    expect(line, 'the reference CSV has no quoted fields').not.toContain('"');
    const fields = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
  });
};

describe('report item registry', () => {
  const csv = readCsv('report-items.csv');
  const srvRoles = new Map(readCsv('srv-duis.csv').map((r) => [r.srv!, r.roles!.split(';')]));

  it('holds exactly the rows of report-items.csv, in order', () => {
    expect(csv).toHaveLength(71);
    expect(
      REPORT_ITEMS.map((i) => [i.id, i.businessProcess, i.srvs.join(';'), i.variant ?? '', i.context ?? '', i.description, i.kind]),
    ).toEqual(csv.map((r) => [r.item_id, r.business_process, r.srv, r.variant, r.context, r.description, r.kind]));
    expect(REPORT_ITEMS.filter((i) => i.kind === 'derived')).toHaveLength(5);
    expect(BUSINESS_PROCESSES).toHaveLength(16);
  });

  it('derives applicable roles from srv-duis.csv intersected with IS, ES, GS, ED', () => {
    for (const item of REPORT_ITEMS) {
      const expected = ['IS', 'ES', 'GS', 'ED'].filter((role) => item.srvs.every((srv) => srvRoles.get(srv)?.includes(role)));
      expect(item.roles, item.id).toEqual(expected);
    }
    expect(toItemsForRole('ES').map((i) => i.id)).toContain('RR-4.2');
    expect(toItemsForRole('ES').map((i) => i.id)).not.toContain('RR-4.1.1');
  });
});
