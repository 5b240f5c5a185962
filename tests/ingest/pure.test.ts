import { describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import { fileSpec } from '../../src/pipeline/contract.ts';
import { checkColumnSet, isAcceptedParquetType, parseCsvHeader } from '../../src/pipeline/ingest/columns.ts';
import { toMonthFiles } from '../../src/pipeline/ingest/locate.ts';
import { buildRules, REASONS } from '../../src/pipeline/ingest/rules.ts';
import { toCauseLine, toSummaryText, type RejectSummary } from '../../src/pipeline/ingest/report.ts';
import type { IngestManifest, ReasonCount, RejectRecord } from '../../src/pipeline/ingest/schema.ts';

describe('parseCsvHeader', () => {
  it('splits on commas and honours RFC 4180 quotes', () => {
    expect(parseCsvHeader('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
  });
});

describe('checkColumnSet', () => {
  const spec = fileSpec('parties');
  it('accepts the contract columns in any order', () => {
    expect(() => checkColumnSet(spec, ['roles', 'party_id', 'party_name'], 'p.csv')).not.toThrow();
  });
  it('names the first duplicate, missing or unexpected column', () => {
    expect(() => checkColumnSet(spec, ['party_id', 'party_id', 'party_name', 'roles'], 'p.csv')).toThrow(
      new CarsError('duplicate column', 'party_id', 'p.csv'),
    );
    expect(() => checkColumnSet(spec, ['party_id', 'roles'], 'p.csv')).toThrow(new CarsError('missing column', 'party_name', 'p.csv'));
    expect(() => checkColumnSet(spec, ['party_id', 'party_name', 'roles', 'x'], 'p.csv')).toThrow(
      new CarsError('unexpected column', 'x', 'p.csv'),
    );
  });
});

describe('isAcceptedParquetType', () => {
  const [sentAt] = fileSpec('service_requests').columns.filter((c) => c.name === 'sent_at');
  it('takes VARCHAR or the native type, nothing looser', () => {
    expect(sentAt && isAcceptedParquetType(sentAt, 'TIMESTAMP WITH TIME ZONE')).toBe(true);
    expect(sentAt && isAcceptedParquetType(sentAt, 'VARCHAR')).toBe(true);
    expect(sentAt && isAcceptedParquetType(sentAt, 'TIMESTAMP')).toBe(false);
    expect(sentAt && isAcceptedParquetType(sentAt, 'BIGINT')).toBe(false);
  });
});

describe('toMonthFiles', () => {
  const all = ['parties', 'registrations', 'devices', 'service_requests', 'alerts', 'incidents'];
  it('picks csv or parquet per file', () => {
    const files = toMonthFiles('/d/2024-10', [...all.map((n) => `${n}.csv`).slice(0, 5), 'incidents.parquet', 'notes.txt']);
    expect(files.map((f) => f.file)).toEqual([...all.slice(0, 5).map((n) => `${n}.csv`), 'incidents.parquet']);
  });
  it('refuses a missing file and a file given twice', () => {
    expect(() =>
      toMonthFiles(
        '/d/2024-10',
        all.slice(1).map((n) => `${n}.csv`),
      ),
    ).toThrow('required file missing: parties.csv or parties.parquet (/d/2024-10)');
    expect(() => toMonthFiles('/d/2024-10', [...all.map((n) => `${n}.csv`), 'alerts.parquet'])).toThrow('file given twice');
  });
});

describe('buildRules', () => {
  it('tries control characters in open text columns, then columns in contract order, then role held, then duplicates', () => {
    const rules = buildRules(fileSpec('service_requests'));
    // the other columns accept only fixed alphabets or lists, which a control character fails
    expect(rules.slice(0, 2).map((r) => [r.column, r.reason])).toEqual([
      ['request_id', REASONS.control],
      ['variant', REASONS.control],
    ]);
    expect(rules[2]).toMatchObject({ column: 'request_id', reason: REASONS.missing });
    expect(rules.slice(-2).map((r) => r.reason)).toEqual([REASONS.roleNotHeld, REASONS.duplicate]);
    const columns = [...new Set(rules.slice(2).map((r) => r.column))];
    expect(columns.slice(0, 3)).toEqual(['request_id', 'party_id', 'role']);
  });
  it('registrations have no key, so no duplicate rule', () => {
    expect(buildRules(fileSpec('registrations')).some((r) => r.reason === REASONS.duplicate)).toBe(false);
  });
});

describe('toSummaryText', () => {
  const manifest: IngestManifest = {
    schema: 'cars.ingest-manifest/2',
    month: '2024-10',
    data: '/d',
    monthsLoaded: ['2024-10'],
    monthsMissing: ['2024-08', '2024-09'],
    database: 'month.duckdb',
    rejectReport: 'reject-report.json',
    maxRejectRate: 0,
    maxRejectRates: {},
    rowsRead: 10,
    rowsAccepted: 9,
    rowsRejected: 1,
    rejectRate: 0.1,
    withinThreshold: false,
    files: [
      {
        month: '2024-10',
        name: 'alerts',
        path: '2024-10/alerts.csv',
        format: 'csv',
        bytes: 1,
        sha256: 'a'.repeat(64),
        rowsRead: 10,
        rowsAccepted: 9,
        rowsRejected: 1,
        rowsLoaded: 9,
        readInPlace: false,
        rejectRate: 0.1,
        maxRejectRate: 0,
        withinThreshold: false,
      },
    ],
    warnings: [],
  };
  it('shows counts, reasons, first rejections as file:line:column and the verdict', () => {
    const text = toSummaryText(manifest, {
      total: 1,
      byReason: [{ file: '2024-10/alerts.csv', column: 'role', reason: REASONS.unknownRole, count: 1 }],
      first: [{ file: '2024-10/alerts.csv', line: 4, column: 'role', reason: REASONS.unknownRole, value: 'XX' }],
    });
    expect(text).toContain('2024-10/alerts.csv:4:role unknown role [XX]');
    expect(text).toMatch(/2024-10\/alerts\.csv\s+10\s+9\s+1/);
    expect(text.split('\n').at(-1)).toBe('FAILED: 2024-10/alerts.csv: 1 rejected of 10 read (10.0000%) exceeds threshold 0');
  });
  it('escapes control characters of values and file names, so each rejection stays one plain line', () => {
    const file = '2024-10/alerts\x1b[2J.csv';
    const text = toSummaryText(manifest, {
      total: 1,
      byReason: [{ file, column: 'role', reason: REASONS.control, count: 1 }],
      first: [{ file, line: 4, column: 'role', reason: REASONS.control, value: 'IS\x1b[31m\nnext\u009b' }],
    });
    expect(text).toContain(`2024-10/alerts\\x1b[2J.csv:4:role ${REASONS.control} [IS\\x1b[31m\\x0anext\\x9b]`);
    expect(text).not.toMatch(/[^\P{Cc}\n]/u);
  });
});

describe('reject summary: causes first', () => {
  const summary = (byReason: ReasonCount[], first: RejectRecord[] = []): RejectSummary => ({
    total: byReason.reduce((n, r) => n + r.count, 0),
    byReason,
    first,
  });

  it('names the parties file that lost rows before the rows elsewhere that name a party it lost', () => {
    const line = toCauseLine(
      summary(
        [
          { file: '2025-10/parties.csv', column: 'roles', reason: 'quote not closed', count: 1 },
          { file: '2025-10/service_requests.csv', column: 'party_id', reason: REASONS.unknownParty, count: 1704121 },
        ],
        [{ file: '2025-10/parties.csv', line: 4, column: 'roles', reason: 'quote not closed', value: null }],
      ),
    );
    expect(line).toBe(
      'cause first: 2025-10/parties.csv: 1 bad row (line 4: quote not closed); 1,704,121 rows elsewhere name a party it may have lost',
    );
  });

  it('says nothing when the parties file is clean or nothing names an unknown party', () => {
    expect(
      toCauseLine(summary([{ file: '2025-10/service_requests.csv', column: 'party_id', reason: REASONS.unknownParty, count: 3 }])),
    ).toBeUndefined();
    expect(toCauseLine(summary([{ file: '2025-10/parties.csv', column: 'roles', reason: 'missing value', count: 1 }]))).toBeUndefined();
  });
});
