import { describe, expect, it } from 'vitest';
import { buildPrintViews } from '../../src/islands/party/printViews.ts';
import { buildViews, type ChartSpec } from '../../src/islands/party/views.ts';
import { splitWithheld } from '../../src/islands/party/withheld.ts';
import { REPORT_ITEMS } from '../../src/shared/reportItems.ts';

const league = (bp: string): ChartSpec => ({
  id: bp,
  title: `League: ${bp}`,
  dataset: 'league',
  where: { business_process: bp },
  mark: 'bar',
});
const row = (role: string, bp: string, status: string) => ({ role, business_process: bp, status, rank: status === 'published' ? 1 : null });
const COLUMNS = ['role', 'business_process', 'status', 'rank'];

describe('charts withheld from a view', () => {
  it('withholds a chart only when every row of the role it draws is suppressed, keeping the order of each part', () => {
    const charts = ['A', 'B', 'C', 'D'].map(league);
    const rows = [
      row('IS', 'A', 'suppressed'),
      row('IS', 'B', 'published'),
      row('IS', 'B', 'published'),
      // suppressed for another role only
      row('ES', 'C', 'suppressed'),
      row('IS', 'C', 'published'),
      row('IS', 'D', 'suppressed'),
    ];
    const { shown, withheld } = splitWithheld(charts, { columns: COLUMNS, rows }, 'IS');
    expect(shown.map((c) => c.id)).toEqual(['B', 'C']);
    expect(withheld.map((c) => c.id)).toEqual(['A', 'D']);
  });

  it('shows a chart with no rows at all: it says there is no activity, not that figures are withheld', () => {
    const { shown, withheld } = splitWithheld([league('A')], { columns: COLUMNS, rows: [row('ES', 'A', 'suppressed')] }, 'IS');
    expect(shown.map((c) => c.id)).toEqual(['A']);
    expect(withheld).toEqual([]);
  });

  it('gathers the league tables on screen, while the print keeps its one table of positions, unpublished leagues in it', () => {
    const screen = buildViews('IS', REPORT_ITEMS).find((v) => v.id === 'league');
    const print = buildPrintViews('IS', REPORT_ITEMS, '2025-10').find((v) => v.id === 'league');
    expect(screen?.withheldLast).toBe(true);
    expect(print?.charts.map((c) => c.shape)).toEqual(['leaguePositions']);
    expect(print?.withheldLast).toBeFalsy();
  });
});
