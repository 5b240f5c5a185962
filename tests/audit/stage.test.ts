import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/pipeline/audit/index.ts';
import { LABEL_ONLY, readAuditMonth } from '../../src/pipeline/audit/read.ts';
import { runBuild } from '../../src/pipeline/build.ts';
import { readPartyDataset, readPartyManifest } from '../../src/pipeline/partition/read.ts';
import { auditReportSchema, type AuditReport } from '../../src/pipeline/audit/report.ts';
import type { Workspace } from '../../src/pipeline/workspace.ts';
import { buildMonths, fixture } from './stages.ts';

// tests/fixtures/README.md ("Privacy audit") describes the fixtures.
const HIDDEN_CELL = 'IS|RR-4.1.1|2025-10-03|Credit|North|SMETS2';
const checksOf = (report: AuditReport): string[] => [...new Set(report.findings.map((f) => f.check))];

describe('leak fixture: one daily cell below the threshold under a published month', () => {
  let ws: Workspace;
  let report: AuditReport;
  beforeAll(async () => {
    ws = await buildMonths(fixture('leak'), ['2025-10'], false);
    report = await runAudit(ws);
  });

  it('finds the cell by subtraction for every reader when secondary suppression is off', () => {
    expect(checksOf(report)).toEqual(['b']);
    const byReader = new Map(report.findings.map((f) => [f.reader, f]));
    expect([...byReader.keys()].sort()).toEqual(['SUPA', 'SUPB', 'SUPC', 'SUPD', 'SUPE', 'SUPF', 'SUPG']);
    for (const f of report.findings) expect(f).toMatchObject({ dataset: 'item_daily', cell: HIDDEN_CELL, recovered: 2 });
    // 16 monthly requests − 14 published on 2 October = 2; SUPA knows its own 1, so SUPB's 1 is disclosed
    expect(byReader.get('SUPA')!.equation).toContain('= 2 (others 1)');
    expect(byReader.get('SUPC')!.equation).toContain('= 2 (others 2)');
    expect(report).toMatchObject({ month: '2025-10', previousMonth: null, readers: 7 });
    expect(report.cellsChecked).toBeGreaterThan(7 * 3);
  });

  it('writes the report beside the partitions and exits non-zero from the command line', async () => {
    const saved = auditReportSchema.parse(JSON.parse(await readFile(join(ws.work, '2025-10', 'audit', 'audit-report.json'), 'utf8')));
    expect(saved.findings).toHaveLength(report.findings.length);
    const cli = spawnSync(process.execPath, ['src/cli/main.ts', 'audit', '--month', '2025-10', '--work', ws.work], {
      encoding: 'utf8',
      env: { ...process.env, CARS_QUIET: '1' },
    });
    expect(cli.status).toBe(1);
    const lines = cli.stdout.trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(
      /^suppressed cell recoverable by subtraction: 2; .* \(check b, reader SUPA, item_daily IS\|RR-4\.1\.1\|2025-10-03\|/,
    );
    const json = spawnSync(process.execPath, ['src/cli/main.ts', 'audit', '--month', '2025-10', '--work', ws.work, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, CARS_QUIET: '1' },
    });
    expect(auditReportSchema.parse(JSON.parse(json.stdout)).findings).toHaveLength(7);
  });

  it('reads every text value of each party the partition wrote: label-only datasets as their distinct values', async () => {
    const month = (await readAuditMonth(ws.work, '2025-10'))!;
    let labelOnly = 0;
    for (const party of month.parties) {
      const manifest = await readPartyManifest(ws, party.partyId);
      for (const name of new Set(manifest.datasets.map((d) => d.name))) {
        const read = party.datasets[name]!;
        const texts = read.columns.filter((c) => c.type === 'utf8').map((c) => c.name);
        const rows = await readPartyDataset(ws, manifest, name);
        if (LABEL_ONLY.has(name)) {
          labelOnly += rows.length > 0 ? 1 : 0;
          const distinct = (rs: readonly Record<string, unknown>[]) =>
            texts.flatMap((c) => [...new Set(rs.map((r) => r[c]).filter((v) => v !== null && v !== undefined))].map((v) => `${c}=${v}`));
          expect(distinct(read.rows).sort()).toEqual(distinct(rows).sort());
        } else {
          expect(read.rows.map((r) => texts.map((c) => r[c]))).toEqual(rows.map((r) => texts.map((c) => r[c] ?? null)));
        }
      }
    }
    expect(labelOnly).toBeGreaterThan(0);
  });

  it('stops the build at the audit stage', async () => {
    const options = { data: fixture('leak'), secrets: join(ws.work, 's'), host: join(ws.work, 'h'), archive: join(ws.work, 'a') };
    const build = runBuild(ws, { ...options, maxRejectRate: 0, bootstrap: false, pdf: 'off', stages: ['audit', 'pack-csv'] });
    await expect(build).rejects.toThrow(/^privacy audit found problems: 7 findings \(.*audit-report\.json\)$/);
  });

  it('finds nothing when secondary suppression is on', async () => {
    const on = await buildMonths(fixture('leak'), ['2025-10'], true);
    expect((await runAudit(on)).findings.map((f) => f.where)).toEqual([]);
    const options = { data: fixture('leak'), secrets: join(on.work, 's'), host: join(on.work, 'h'), archive: join(on.work, 'a') };
    await runBuild(on, { ...options, maxRejectRate: 0, bootstrap: false, pdf: 'off', stages: ['audit'] });
  });
});

/** Two months where one other party's figure follows from their difference: found with secondary suppression off, hidden with it on. */
function describeMonthLeak(title: string, name: string, leak: { dataset: string; cell: string; recovered: number }): void {
  describe(title, () => {
    it('finds only the month-to-month difference when secondary suppression is off', async () => {
      const report = await runAudit(await buildMonths(fixture(name), ['2025-09', '2025-10'], false));
      expect(report.previousMonth).toBe('2025-09');
      expect(checksOf(report)).toEqual(['d']);
      // SUPG's own view shows only its own change, so only the six others can isolate it
      expect(report.findings.map((f) => f.reader).sort()).toEqual(['SUPA', 'SUPB', 'SUPC', 'SUPD', 'SUPE', 'SUPF']);
      for (const f of report.findings) expect(f).toMatchObject(leak);
    });

    it('finds nothing when secondary suppression (with its month-to-month rule) is on', async () => {
      const report = await runAudit(await buildMonths(fixture(name), ['2025-09', '2025-10'], true));
      expect(report.findings.map((f) => f.where)).toEqual([]);
    });
  });
}

describeMonthLeak('leak-months fixture: one party joins while the others stay the same', 'leak-months', {
  dataset: 'item_monthly',
  cell: 'IS|RR-4.1.1',
  recovered: 3,
});

// the device-type total stays as it was: only the firmware cell SUPG left gives it away
describeMonthLeak('leak-firmware fixture: one party moves a meter to another firmware, the others stay the same', 'leak-firmware', {
  dataset: 'inventory',
  cell: 'IS|ESME|M-100|1.0',
  recovered: 1,
});

describe('leak-skip fixture: the month after a hidden one still compares with the month before it', () => {
  it('finds the difference with September in November when secondary suppression is off (October shows the same 15)', async () => {
    const report = await runAudit(await buildMonths(fixture('leak-skip'), ['2025-09', '2025-10', '2025-11'], false));
    expect(checksOf(report)).toEqual(['d']);
    expect(report.findings.map((f) => f.reader).sort()).toEqual(['SUPA', 'SUPB', 'SUPC', 'SUPD', 'SUPE', 'SUPF']);
    for (const f of report.findings) expect(f).toMatchObject({ dataset: 'item_monthly', cell: 'IS|RR-4.1.1', recovered: 3 });
  });

  it('keeps the figure hidden in November, when only September, two months back, shows it', async () => {
    const ws = await buildMonths(fixture('leak-skip'), ['2025-09', '2025-10', '2025-11'], true);
    const status = async (month: string): Promise<unknown> => {
      const at = { ...ws, month };
      const rows = await readPartyDataset(at, await readPartyManifest(at, 'SUPA'), 'item_monthly');
      return rows.find((r) => r.item_id === 'RR-4.1.1' && r.role === 'IS')?.industry_status;
    };
    // September: SUPA–SUPF, 2 each (12); October and November add SUPG's 3 (15): 15 − 12 = 3 in either
    expect([await status('2025-09'), await status('2025-10'), await status('2025-11')]).toEqual(['published', 'suppressed', 'suppressed']);
    expect((await runAudit(ws)).findings.map((f) => f.where)).toEqual([]);
  });
});

describe('leak-firmware fixture, within October', () => {
  it('hides every cell of the device type, not only the one the month rule isolates', async () => {
    const ws = await buildMonths(fixture('leak-firmware'), ['2025-09', '2025-10'], true);
    const rows = await readPartyDataset(ws, await readPartyManifest(ws, 'SUPA'), 'inventory');
    // the 3.0 cell published with its share of the type would give the type total (14), and 14 − 8 the hidden 1.0 cell
    const esme = rows.filter((r) => r.role === 'IS' && r.device_type === 'ESME');
    expect(esme.map((r) => [r.firmware, r.industry_status, r.industry_share_of_type])).toEqual([
      ['1.0', 'suppressed', null],
      ['3.0', 'suppressed', null],
    ]);
  });
});
