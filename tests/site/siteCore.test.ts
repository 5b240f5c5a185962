import { describe, expect, it } from 'vitest';
import { toCsv, toCsvCell } from '../../src/site/csv.ts';
import { parseFragmentCredential, parseSignIn, parseSlugFromPath } from '../../src/site/credential.ts';
import { fromRows, runExplore } from '../../src/islands/party/explore.ts';
import { selectRows, toPickOrder, toShownTitle } from '../../src/islands/party/chartRows.ts';
import { buildViews } from '../../src/islands/party/views.ts';
import { REPORT_ITEMS } from '../../src/shared/reportItems.ts';
import { buildReportContents } from '../../src/site/guidance/reportContents.ts';
import { readGuidance } from '../../src/site/guidance/index.ts';
import { buildSearchIndex } from '../../src/site/guidance/searchIndex.ts';
import lunr from 'lunr';
import { PROCESSES_BY_ROLE, readProcessesByRole } from '../reportRegistry.ts';

describe('CSV downloads', () => {
  it('defuses formula-leading text and leaves numbers as numbers', () => {
    expect(['=1+1', '+44', '-x', '@SUM', '\tA', '\rB'].map(toCsvCell)).toEqual(["'=1+1", "'+44", "'-x", "'@SUM", "'\tA", `"'\rB"`]);
    expect(toCsvCell(-12.5)).toBe('-12.5');
    expect(toCsvCell('a,"b"')).toBe('"a,""b"""');
    expect(toCsvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [{ a: 'x', b: 2 }])).toBe('a,b\r\nx,2\r\n');
  });
});

describe('credentials', () => {
  it('reads the fragment, the slug and the sign-in form', () => {
    expect(parseFragmentCredential('#k=abc.def')).toBe('abc.def');
    expect(parseFragmentCredential('#view=1')).toBeUndefined();
    expect(parseSlugFromPath('/2025-03/u/abcdefghijklmnop/')).toBe('abcdefghijklmnop');
    expect(parseSignIn('https://x.example/2025-03/u/abcdefghijklmnop/#k=r.t', '')).toEqual({ slug: 'abcdefghijklmnop', credential: 'r.t' });
    expect(parseSignIn('abcdefghijklmnop', ' tok ')).toEqual({ slug: 'abcdefghijklmnop', credential: 'tok' });
    expect(parseSignIn('', 'x')).toHaveProperty('error');
    expect(parseSignIn('https://x.example/guidance/', 'x')).toHaveProperty('error');
  });
});

describe('explore', () => {
  const rows = [
    { day: '2025-03-01', region: 'North', requests: 10, successes: 9, failures: 1 },
    { day: '2025-03-02', region: 'North', requests: 30, successes: 21, failures: 9 },
    { day: '2025-03-02', region: 'South', requests: 5, successes: 5, failures: 0 },
  ];
  const columns = ['day', 'region', 'requests', 'successes', 'failures'];
  it('recombines counts per group and recomputes the rate from the sums', () => {
    const result = runExplore([fromRows(rows, columns)], { from: '2025-03-01', to: '2025-03-31', filters: {}, groupBy: 'region' });
    expect(result.rows).toEqual([
      { region: 'North', requests: 40, successes: 30, failures: 10, success_rate: 0.75 },
      { region: 'South', requests: 5, successes: 5, failures: 0, success_rate: 1 },
    ]);
  });
  it('names a group with no value instead of showing null', () => {
    const noDevice = [...rows, { day: '2025-03-01', region: null, requests: 2, successes: 2, failures: 0 }];
    const result = runExplore([fromRows(noDevice, columns)], { from: '2025-03-01', to: '2025-03-31', filters: {}, groupBy: 'region' });
    expect(result.rows.map((r) => r.region)).toEqual(['North', 'Region not recorded', 'South']);
    const bySmets = runExplore([fromRows([{ day: '2025-03-01', smets: null, requests: 1 }], ['day', 'smets', 'requests'])], {
      from: '2025-03-01',
      to: '2025-03-31',
      filters: {},
      groupBy: 'smets',
    });
    expect(bySmets.rows[0]?.smets).toBe('SMETS not recorded');
  });
  it('filters by date range and dimension value', () => {
    const result = runExplore([fromRows(rows, columns)], {
      from: '2025-03-02',
      to: '2025-03-02',
      filters: { region: 'North' },
      groupBy: '',
    });
    expect(result.rows).toEqual([{ group: 'all', requests: 30, successes: 21, failures: 9, success_rate: 0.7 }]);
  });
});

describe('chart rows', () => {
  it("offers a picker's values in the order the chart names, then alphabetically", () => {
    expect(toPickOrder(['region', 'firmware', 'model', 'region', 'smets'], ['model', 'firmware', 'meter_type', 'region', 'smets'])).toEqual(
      ['model', 'firmware', 'region', 'smets'],
    );
    expect(toPickOrder(['N55', 'N13', 'AD1'])).toEqual(['AD1', 'N13', 'N55']);
  });

  it('names industry in a title only while an industry figure is drawn', () => {
    const daily = { title: 'Alerts delivered per day, you and industry', ys: ['delivered', 'industry_delivered'] };
    expect(
      toShownTitle(daily, [
        { delivered: 3, industry_delivered: null },
        { delivered: 4, industry_delivered: 9 },
      ]),
    ).toBe(daily.title);
    expect(toShownTitle(daily, [{ delivered: 3, industry_delivered: null }])).toBe('Alerts delivered per day, you');
    expect(toShownTitle({ title: 'Requests per day', ys: ['requests'] }, [{ requests: 1 }])).toBe('Requests per day');
  });

  const spec = { id: 'x', title: 'x', dataset: 'item_peers', mark: 'table' as const, where: { item_id: 'A' } };
  it('keeps the role and item, keeps own figures of a suppressed row and says so', () => {
    const rows = [
      { role: 'IS', item_id: 'A', status: 'active', industry_status: 'suppressed', v: 1 },
      { role: 'ED', item_id: 'A', status: 'active', industry_status: 'published', v: 3 },
      { role: 'IS', item_id: 'B', status: 'active', industry_status: 'published', v: 4 },
    ];
    const out = selectRows(rows, ['role', 'item_id', 'status', 'industry_status', 'v'], spec, 'IS');
    expect(out.rows.map((r) => r.v)).toEqual([1]);
    expect(out.suppressed).toBe(true);
    expect(out.noActivity).toBe(false);
  });
  it('treats an empty peer list as suppressed and drops suppressed league rows', () => {
    expect(selectRows([], ['role'], { ...spec, emptyMeans: 'suppressed' }, 'IS').suppressed).toBe(true);
    const league = selectRows(
      [{ role: 'IS', item_id: 'A', status: 'suppressed', rank: null }],
      ['role', 'item_id', 'status', 'rank'],
      spec,
      'IS',
    );
    expect(league).toMatchObject({ rows: [], suppressed: true, noActivity: true });
    const kept = selectRows([{ role: 'IS', status: 'suppressed' }], ['role', 'status'], { ...spec, keepSuppressed: true }, 'IS');
    expect(kept).toMatchObject({ rows: [{ status: 'suppressed' }], suppressed: true, noActivity: false });
  });
  it('reports no activity when nothing matches or the party was idle', () => {
    expect(selectRows([], ['role'], spec, 'IS').noActivity).toBe(true);
    expect(selectRows([{ item_id: 'A', status: 'no_activity' }], ['item_id', 'status'], spec, 'IS').noActivity).toBe(true);
  });
});

describe('party navigation', () => {
  it('the written-out processes per role are those of the raw reference CSVs', () => {
    expect(readProcessesByRole()).toEqual(PROCESSES_BY_ROLE);
  });
  it('has one page per business process of the role, and ED extras only for ED', () => {
    for (const role of ['IS', 'ES', 'GS', 'ED'] as const) {
      const views = buildViews(role, REPORT_ITEMS);
      expect(views.filter((v) => v.id.startsWith('bp-')).map((v) => v.title)).toEqual(PROCESSES_BY_ROLE[role]);
      const extras = role === 'ED' ? ['ed-extras'] : [];
      expect(views.filter((v) => !v.id.startsWith('bp-')).map((v) => v.id)).toEqual([
        'overview',
        'inventory',
        'alerts',
        ...extras,
        'league',
        'explore',
        'downloads',
      ]);
    }
  });
});

describe('guidance', () => {
  it('Reporting Contents lists every report item of the registry once', () => {
    const page = buildReportContents(REPORT_ITEMS);
    const ids = page.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r[0]) : [])));
    expect(ids.sort()).toEqual(REPORT_ITEMS.map((i) => i.id).sort());
  });
  it('defines every business process page a chart links to from its guide', () => {
    const sections = new Set(buildReportContents(REPORT_ITEMS).sections.map((s) => `reporting-contents/#${s.id}`));
    const guides = (['IS', 'ES', 'GS', 'ED'] as const).flatMap((role) =>
      buildViews(role, REPORT_ITEMS).flatMap((v) => v.charts.flatMap((c) => (c.guide ? [c.guide.href] : []))),
    );
    expect(guides.length).toBeGreaterThan(0);
    expect([...new Set(guides)].filter((href) => !sections.has(href))).toEqual([]);
  });
  it('has the six sections of the document', () => {
    expect(readGuidance().map((p) => p.title)).toEqual([
      'Background & Scope',
      'Overview of Reporting',
      'Change Process',
      'Reporting Contents',
      'Disclosure rules',
      'Data dictionary',
    ]);
  });
  it('search index finds a section by a word of its text and round-trips through JSON', () => {
    const file = JSON.parse(JSON.stringify(buildSearchIndex(readGuidance())));
    const index = lunr.Index.load(file.index);
    const hits = index.search('dominant');
    expect(hits.map((h) => h.ref)).toContain('disclosure-rules#rules');
    expect(file.docs.every((d: { path: string }) => d.path.startsWith('guidance/'))).toBe(true);
  });
});
