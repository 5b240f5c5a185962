import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import { REASONS } from '../../src/pipeline/ingest/index.ts';
import { readRejectRows } from '../../src/pipeline/ingest/rejects.ts';
import { ingestCase, ingestData, makeDataset, removeScratch } from './helpers.ts';

afterAll(removeScratch);

// One test per fixture under tests/fixtures/bad/<case>/ (see tests/fixtures/README.md): each asserts
// every rejected row (file, line, column, reason) and that read = accepted + rejected.
const SR = '2024-10/service_requests.csv';
const AL = '2024-10/alerts.csv';
const DV = '2024-10/devices.csv';

type Expected = [file: string, line: number, column: string, reason: string];

async function expectRejects(badCase: string, expected: Expected[], month = '2024-10'): Promise<void> {
  const { result, rejects } = await ingestCase(badCase, month);
  expect(rejects.map((r) => [r.file, r.line, r.column, r.reason])).toEqual(expected);
  const m = result.manifest;
  expect(m.rowsRejected).toBe(expected.length);
  expect(m.rowsRead).toBe(m.rowsAccepted + m.rowsRejected);
  for (const f of m.files) expect(f.rowsRead).toBe(f.rowsAccepted + f.rowsRejected);
}

async function expectError(badCase: string, message: string | RegExp): Promise<void> {
  const data = await makeDataset(badCase);
  const run = ingestData(data);
  await expect(run).rejects.toBeInstanceOf(CarsError);
  await expect(run).rejects.toThrow(message);
}

describe('bad CSV structure', () => {
  it('malformed quoting and a short row are rejected rows; later lines keep their numbers', () =>
    expectRejects('malformed-quoting', [
      [SR, 3, 'device_id', 'malformed CSV quoting'],
      [SR, 4, 'variant', 'too few fields'],
      [SR, 6, 'party_id', REASONS.unknownParty],
    ]));
  it('a quote never closed that swallows more than a few lines stops the file, naming the line it opened', () =>
    expectError(
      'quote-not-closed',
      'quote not closed: 2024-10/parties.csv line 4 swallows 7 lines (column party_name, record starting DNO1,"North Networks,ED)',
    ));
  it('a quote left open over a few lines rejects that record only, kept whole', async () => {
    const data = await makeDataset('quote-not-closed');
    const parties = join(data, '2024-10', 'parties.csv');
    const kept = (await readFile(parties, 'utf8')).split('\n').slice(0, 6);
    await writeFile(parties, `${kept.join('\n')}\n`);
    const { rejects, result } = await ingestData(data);
    expect(rejects.filter((r) => r.file === '2024-10/parties.csv')).toEqual([
      { file: '2024-10/parties.csv', line: 4, column: 'party_name', reason: REASONS.quoteNotClosed, value: kept.slice(3).join('\n') },
    ]);
    const ws = { work: join(result.dir, '..', '..'), out: '', month: '2024-10' };
    expect((await readRejectRows(ws, { file: 'parties.csv', limit: 5 })).rows[0]?.record).toBe(kept.slice(3).join('\n'));
  });
  it('a quoted field spanning lines moves the editor line of what follows', () =>
    expectRejects('quoted-newline', [['2024-10/incidents.csv', 5, 'category', REASONS.category]]));
  it('a BOM is accepted', () => expectRejects('bom', []));
  it('CRLF line ends are accepted', () => expectRejects('crlf', []));
  it('a missing column rejects the file', () => expectError('missing-column', 'missing column: variant (2024-10/service_requests.csv)'));
  it('an extra column rejects the file', () => expectError('extra-column', 'unexpected column: note (2024-10/alerts.csv)'));
  it('a duplicate column rejects the file', () => expectError('duplicate-column', 'duplicate column: region (2024-10/devices.csv)'));
  it('a 0-byte file is an error', () => expectError('empty-file', 'empty file: no header row: 2024-10/incidents.csv'));
  it('a header-only file loads no rows and is flagged', async () => {
    const { result, rejects } = await ingestCase('header-only-file');
    expect(rejects).toEqual([]);
    expect(result.manifest.files.find((f) => f.path === AL)).toMatchObject({ rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 });
    expect(result.manifest.warnings).toEqual([`${AL} has no rows`]);
  });
  it('a missing required file names the folder and the file', () =>
    expectError('missing-required-file', /required file missing: devices\.csv or devices\.parquet \(.*\/data\/2024-10\)/));
});

describe('row rules', () => {
  it('duplicate ids: later copies, within the month and across loaded months', () =>
    expectRejects('duplicate-ids', [
      [SR, 4, 'request_id', REASONS.duplicate],
      [SR, 5, 'request_id', REASONS.duplicate],
    ]));
  it('unknown party', () => expectRejects('unknown-party', [[SR, 3, 'party_id', REASONS.unknownParty]]));
  it('unknown role', () => expectRejects('unknown-role', [[SR, 3, 'role', REASONS.unknownRole]]));
  it('unknown SRV', () => expectRejects('unknown-srv', [[SR, 3, 'srv', REASONS.unknownSrv]]));
  it('unknown alert code', () => expectRejects('unknown-alert-code', [[AL, 3, 'alert_code', REASONS.unknownAlert]]));
  it('unknown device type', () => expectRejects('unknown-device-type', [[DV, 3, 'device_type', REASONS.unknownDeviceType]]));
  it('unknown region', () => expectRejects('unknown-region', [[DV, 3, 'region', REASONS.unknownRegion]]));
  it('a role the party does not hold', () => expectRejects('role-not-held', [[SR, 3, 'role', REASONS.roleNotHeld]]));
  it('unparsable timestamps and timestamps without offset', () =>
    expectRejects('unparsable-timestamp', [
      [SR, 3, 'sent_at', REASONS.timestamp],
      [SR, 4, 'sent_at', REASONS.noOffset],
      [SR, 5, 'responded_at', REASONS.timestamp],
    ]));
  it('events outside the month folder’s month (Europe/London)', () =>
    expectRejects('out-of-month-timestamp', [
      [SR, 3, 'sent_at', REASONS.outsideMonth],
      [SR, 4, 'sent_at', REASONS.outsideMonth],
      [AL, 3, 'raised_at', REASONS.outsideMonth],
    ]));
  it('responded_at before sent_at', () => expectRejects('responded-before-sent', [[SR, 3, 'responded_at', REASONS.beforeSent]]));
  it('durations over 30 days (exactly 30 days passes)', () =>
    expectRejects('duration-over-30-days', [
      [SR, 4, 'responded_at', REASONS.tooLong],
      [AL, 3, 'delivered_at', REASONS.tooLong],
    ]));
  it('missing values in non-nullable columns, and valid_to not after valid_from', () =>
    expectRejects('missing-value', [
      ['2024-10/registrations.csv', 3, 'valid_from', REASONS.missing],
      ['2024-10/registrations.csv', 4, 'valid_to', REASONS.validTo],
      [AL, 3, 'outcome', REASONS.missing],
    ]));
  it('bad formats: party_id, roles, device_id, firmware, meter type, command_variant, category, regions', () =>
    expectRejects('bad-formats', [
      ['2024-10/parties.csv', 5, 'party_id', REASONS.partyFormat],
      ['2024-10/parties.csv', 6, 'roles', REASONS.listRole],
      [DV, 3, 'device_id', REASONS.deviceFormat],
      [DV, 4, 'device_id', REASONS.deviceFormat],
      [DV, 5, 'firmware', REASONS.firmware],
      [DV, 6, 'meter_type', REASONS.meterTypeNotMeter],
      [SR, 3, 'command_variant', REASONS.commandVariant],
      [SR, 4, 'command_variant', REASONS.commandVariant],
      [SR, 5, 'device_id', REASONS.deviceFormat],
      ['2024-10/alerts.csv', 5, 'device_id', REASONS.deviceFormat],
      ['2024-10/incidents.csv', 2, 'category', REASONS.category],
      ['2024-10/incidents.csv', 3, 'regions', REASONS.listRegion],
      ['2024-10/incidents.csv', 4, 'regions', REASONS.listRegion],
    ]));
});

describe('Europe/London month boundaries', () => {
  it('2024-09-30T23:30:00Z is October: accepted in 2024-10, rejected in the 2024-09 history folder', () =>
    expectRejects('london-month-boundary', [
      ['2024-09/service_requests.csv', 3, 'sent_at', REASONS.outsideMonth],
      [SR, 7, 'sent_at', REASONS.outsideMonth],
      [SR, 9, 'sent_at', REASONS.outsideMonth],
    ]));
  it('the same event is rejected when 2024-09 is the reporting month', () =>
    expectRejects('london-month-boundary', [['2024-09/service_requests.csv', 3, 'sent_at', REASONS.outsideMonth]], '2024-09'));
});

describe('control characters', () => {
  it('NUL, ESC, BEL, DEL and C1 controls reject their row, free-text tabs and line breaks do not', () =>
    expectRejects('control-characters', [
      ['2024-10/parties.csv', 5, 'party_name', REASONS.control],
      ['2024-10/registrations.csv', 6, 'premise_id', REASONS.control],
      [DV, 3, 'model', REASONS.control],
      [DV, 5, 'firmware', REASONS.control],
      [SR, 3, 'role', REASONS.control],
      [SR, 6, 'request_id', REASONS.control],
      [AL, 4, 'device_id', REASONS.control],
      ['2024-10/incidents.csv', 5, 'summary', REASONS.control],
    ]));
});
