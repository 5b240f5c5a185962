/**
 * A small synthetic sealed month for site tests, made with the real seal functions:
 * two parties, one recipient each, a handful of Arrow datasets. Tokens are fixed so
 * tests can sign in; nothing here is real data.
 *
 *   <dir>/partition/<partyId>/manifest.json, <dataset>.arrow, <download>.csv (plaintext, as the pack stage leaves it);
 *   FIXTURE_MONTH lists item_daily and item_failures in parts, one per business process, as partition writes them
 *   (the earlier month as months built before the split)
 *   <dir>/seal/seal-manifest.json
 *   <dir>/seal/u/<slug>/keyring.json, data/<file>.sealed
 *   <dir>/ingest/ingest-manifest.json (FIXTURE_MONTH: 8 of 10,000 service requests rejected, accepted)
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Int32, Table, tableFromArrays, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { SPLIT_DATASETS, toPartFile, toPartId } from '../../src/shared/datasetParts.ts';
import { BUSINESS_PROCESSES, REPORT_ITEMS } from '../../src/shared/reportItems.ts';
import { withDownloads } from '../../src/pipeline/seal/partyDownloads.ts';
import type { DownloadEntry } from '../../src/shared/partitionManifest.ts';
import { readPartyInput } from '../../src/pipeline/seal/partitionInput.ts';
import { buildKeyring, deriveRecipientSecrets, formatCredential, sealFile } from '../../src/shared/seal/index.ts';
import type { InsightNote } from '../../src/pipeline/insights/index.ts';
import { withPartyInsights } from '../../src/pipeline/seal/partyInsights.ts';
import { buildIngestManifest, writeIngestManifest, type FileCounts } from '../ingestManifestFixture.ts';

export const FIXTURE_MONTH = '2025-03';
/** An earlier month with the same parties, for the month switcher and the trend. */
export const FIXTURE_EARLIER_MONTH = '2025-02';

export interface FixtureParty {
  partyId: string;
  partyName: string;
  roles: ('IS' | 'ES' | 'GS' | 'ED')[];
  slug: string;
  recipientId: string;
  tokenByte: number;
}

export const FIXTURE_PARTIES: FixtureParty[] = [
  {
    partyId: 'NWE',
    partyName: 'Northwind Energy (fixture)',
    roles: ['IS', 'ED'],
    slug: 'nwenergyfixture2',
    recipientId: 'recipientaaa',
    tokenByte: 7,
  },
  { partyId: 'FXG', partyName: 'Fixture Gas Co', roles: ['GS'], slug: 'fxgasfixture3456', recipientId: 'recipientbbb', tokenByte: 9 },
];

/** A party present in FIXTURE_MONTH only (joined that month): its month switcher must not probe the earlier month. */
export const FIXTURE_NEW_PARTY: FixtureParty = {
  partyId: 'NEW',
  partyName: 'Newcomer Supply (fixture)',
  roles: ['ES'],
  slug: 'newcomerfixtures',
  recipientId: 'recipientccc',
  tokenByte: 11,
};

export const toCredential = (party: FixtureParty): string =>
  formatCredential({ recipientId: party.recipientId, token: new Uint8Array(32).fill(party.tokenByte) });

const toDays = (month: string): string[] => Array.from({ length: 5 }, (_, i) => `${month}-0${i + 1}`);

interface FailureRow {
  item_id: string;
  response_code: string | null;
  failures: number;
  no_response: number;
}

function toCodeTable(role: string, failures: readonly FailureRow[]): ReturnType<typeof tableFromArrays> {
  const sums = new Map<string, FailureRow>();
  for (const f of failures) {
    const key = `${f.item_id}|${f.response_code ?? ''}`;
    const sum = sums.get(key) ?? { item_id: f.item_id, response_code: f.response_code, failures: 0, no_response: 0 };
    sum.failures += f.failures;
    sum.no_response += f.no_response;
    sums.set(key, sum);
  }
  const rows = [...sums.values()];
  return tableFromArrays({
    role: rows.map(() => role),
    item_id: rows.map((r) => r.item_id),
    response_code: rows.map((r) => r.response_code),
    failures: Int32Array.from(rows.map((r) => r.failures)),
    no_response: Int32Array.from(rows.map((r) => r.no_response)),
  });
}

/**
 * Datasets of one party, small enough to check by eye. Monthly figures grow with the month number so
 * two months differ; daily rows carry a meter type (odd days Credit, even days both) for split tests.
 */
const toOutages = (rows: [string, string, number, number][]): Table => {
  const column = (i: number, type: Utf8 | Int32) =>
    vectorFromArray(
      rows.map((r) => r[i]),
      type,
    );
  return new Table({
    role: column(0, new Utf8()),
    region: column(1, new Utf8()),
    restored: column(2, new Int32()),
    not_restored: column(3, new Int32()),
  });
};

export function buildFixtureDatasets(party: FixtureParty, month = FIXTURE_MONTH): Record<string, ReturnType<typeof tableFromArrays>> {
  const days = toDays(month);
  const role = party.roles[0] ?? 'IS';
  const bump = Number(month.slice(5)) * 100;
  const daily = days.flatMap((day, d) =>
    ['North', 'South'].map((region, r) => {
      const requests = 100 + d * 10 + r * 5;
      const failures = 5 + d + r * 3;
      const meter_type = d % 2 === 1 && r === 1 ? 'Prepayment' : 'Credit';
      return { day, region, meter_type, requests, failures };
    }),
  );
  const items = ['MR-4.6.1', 'SCH-5.1'];
  const idle = role === 'IS' ? ['AUX-7.7'] : [];
  const failureRows = Array.from({ length: 250 }, (_, i) => i);
  // 250 failure rows of Scheduling (more than a table shows at first, 200), then Meter Reads' failures by model, the
  // same as its root_causes model slices (Model B 30, Model A 12, Model C 5), one row without a model.
  const failures = [
    ...failureRows.map((i) => ({
      item_id: 'SCH-5.1',
      response_code: `E${100 + (i % 5)}`,
      model: `Model ${i % 3}`,
      firmware: `1.${i % 4}`,
      region: i % 2 ? 'North' : 'South',
      day: days[i % days.length] as string,
      failures: 1 + (i % 7),
      no_response: 0,
    })),
    ...(
      [
        ['Model B', 'E100', 10, 2],
        ['Model B', 'E101', 12, 0],
        ['Model B', null, 8, 8],
        ['Model A', 'E100', 7, 0],
        ['Model A', 'E102', 5, 0],
        ['Model C', 'E100', 5, 0],
        [null, 'E103', 2, 0],
      ] as const
    ).map(([model, response_code, n, noResponse], i) => ({
      item_id: 'MR-4.6.1',
      response_code,
      model,
      firmware: model ? '2.1' : null,
      region: 'North',
      day: days[i % days.length] as string,
      failures: n,
      no_response: noResponse,
    })),
  ];
  return {
    // an import supplier also has an Auxiliary Load item it sent no requests for, its industry figure withheld
    item_monthly: tableFromArrays({
      role: [...items, ...idle].map(() => role),
      item_id: [...items, ...idle],
      business_process: ['Meter Reads', 'Scheduling', ...idle.map(() => 'Auxiliary Load')],
      status: ['active', 'active', ...idle.map(() => 'no_activity')],
      requests: Int32Array.from([1000 + bump, 40, ...idle.map(() => 0)]),
      successes: Int32Array.from([950 + bump / 2, 39, ...idle.map(() => 0)]),
      failures: Int32Array.from([50 + bump / 2, 1, ...idle.map(() => 0)]),
      success_rate: [(950 + bump / 2) / (1000 + bump), 0.975, ...idle.map(() => null)],
      industry_status: ['published', 'suppressed', ...idle.map(() => 'suppressed')],
      industry_requests: [50_000, null, ...idle.map(() => null)],
      industry_successes: [48_000, null, ...idle.map(() => null)],
      industry_success_rate: [0.96, null, ...idle.map(() => null)],
    }),
    item_peers: tableFromArrays({
      role: [role, role, role],
      item_id: ['MR-4.6.1', 'MR-4.6.1', 'MR-4.6.1'],
      rank: Int32Array.from([1, 2, 3]),
      success_rate_pct: [99.1, 95, 90.2],
      is_you: [false, true, false],
    }),
    item_daily: tableFromArrays({
      role: daily.map(() => role),
      item_id: daily.map(() => 'MR-4.6.1'),
      day: daily.map((r) => r.day),
      region: daily.map((r) => r.region),
      meter_type: daily.map((r) => r.meter_type),
      requests: Int32Array.from(daily.map((r) => r.requests)),
      successes: Int32Array.from(daily.map((r) => r.requests - r.failures)),
      failures: Int32Array.from(daily.map((r) => r.failures)),
      industry_status: daily.map(() => 'published'),
    }),
    // as the metrics stage writes a league that is not published: one row saying so, nothing ranked
    league: tableFromArrays({
      role: [role, role, role, role],
      business_process: ['Meter Reads', 'Meter Reads', 'Meter Reads', 'Scheduling'],
      status: ['published', 'published', 'published', 'suppressed'],
      rank: [1, 2, 3, null],
      success_rate_pct: [99.1, 95.3, 90.2, null],
      is_you: [false, true, false, null],
    }),
    inventory: tableFromArrays({
      role: [role, role, role],
      device_type: ['ESME', 'ESME', 'CHF'],
      model: ['=HYPERLINK("x")', 'Model B', 'Hub C'],
      firmware: ['1.0', '2.1', '0.9'],
      devices: Int32Array.from([120, 80, 200]),
      industry_status: ['published', 'published', 'published'],
    }),
    item_failures: tableFromArrays({
      role: failures.map(() => role),
      item_id: failures.map((f) => f.item_id),
      response_code: failures.map((f) => f.response_code),
      model: failures.map((f) => f.model),
      firmware: failures.map((f) => f.firmware),
      region: failures.map((f) => f.region),
      meter_type: failures.map(() => 'Credit'),
      smets: failures.map(() => 'SMETS2'),
      command_variant: Int32Array.from(failures.map(() => 1)),
      day: failures.map((f) => f.day),
      failures: Int32Array.from(failures.map((f) => f.failures)),
      no_response: Int32Array.from(failures.map((f) => f.no_response)),
    }),
    // failures summed per item and response code over every signifier and day, as the metrics stage sums item_failures
    item_codes: toCodeTable(role, failures),
    // Meter Reads' failures by model against the other Users' rate in the same model: Model B has the most excess
    // (30 − 200 × 0.05 = 20), Model A less (12 − 400 × 0.02 = 4), Model C none published (too few Users share it).
    // Model D: requests without failures and without a comparison, which the page leaves out
    root_causes: tableFromArrays({
      role: [role, role, role, role, role],
      business_process: ['Meter Reads', 'Meter Reads', 'Meter Reads', 'Meter Reads', 'Meter Reads'],
      item_id: ['MR-4.6.1', 'MR-4.6.1', 'MR-4.6.1', 'MR-4.6.1', 'MR-4.6.1'],
      srv: ['4.6.1', '4.6.1', '4.6.1', '4.6.1', '4.6.1'],
      dimension: ['model', 'model', 'model', 'region', 'model'],
      slice: ['Model A', 'Model B', 'Model C', 'North', 'Model D'],
      requests: Int32Array.from([400, 200, 50, 650, 20]),
      failures: Int32Array.from([12, 30, 5, 47, 0]),
      failure_rate: [12 / 400, 30 / 200, 5 / 50, 47 / 650, 0],
      industry_status: ['published', 'published', 'suppressed', 'suppressed', 'suppressed'],
      industry_failure_rate: [0.02, 0.05, null, null, null],
      expected_failures: [8, 10, null, null, null],
      excess_failures: [4, 20, null, null, null],
      excess_rank: [2, 1, null, null, null],
    }),
    // N13 day by day with an industry series, N55 without one (too few other Users received it)
    alerts_daily: tableFromArrays({
      role: [role, role, role, role],
      alert_code: ['N13', 'N13', 'N55', 'N55'],
      day: [days[0], days[1], days[0], days[1]] as string[],
      status: ['active', 'active', 'active', 'active'],
      delivered: Int32Array.from([4, 6, 2, 3]),
      failed: Int32Array.from([0, 1, 0, 0]),
      delivery_median: [2.5, 3, 1.5, 2],
      industry_status: ['published', 'published', 'suppressed', 'suppressed'],
      industry_delivered: [40, 55, null, null],
      industry_failed: [2, 3, null, null],
    }),
    // the network operator's outages, written for every party as the metrics stage does: rows only for an operator
    ed_outages: toOutages(party.roles.includes('ED') ? [['ED', 'Central', 37, 8]] : []),
    // other Users' firmware mix of Model B, numbered (Model A's comparison is suppressed: no rows)
    inventory_peers: tableFromArrays({
      role: [role, role, role],
      device_type: ['ESME', 'ESME', 'ESME'],
      model: ['Model B', 'Model B', 'Model B'],
      peer: Int32Array.from([2, 1, 1]),
      firmware: ['2.1', '2.1', '2.0'],
      share: [1, 0.75, 0.25],
    }),
  };
}

/** A table's rows per business process of their item, every process of the registry (empty ones too), as partition splits. */
function toProcessParts(table: Table): { part?: string; table: Table }[] {
  const processOf = new Map(REPORT_ITEMS.map((i) => [i.id, i.businessProcess]));
  const items = [...(table.getChild('item_id') as Iterable<string>)];
  return BUSINESS_PROCESSES.map((bp) => {
    const picked = items.flatMap((id, r) => (processOf.get(id) === bp ? [r] : []));
    const columns: Record<string, Vector> = {};
    for (const field of table.schema.fields) {
      const column = table.getChild(field.name)!;
      columns[field.name] = vectorFromArray(
        picked.map((r) => column.get(r)),
        field.type,
      );
    }
    return { part: toPartId(bp), table: new Table(columns) };
  });
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A packed download as the pack stage writes it: UTF-8 with a byte order mark, CRLF lines. */
export interface FixtureDownload {
  name: string;
  file: string;
  rows: number;
  bytes: Uint8Array;
}

/** The party's packed failures CSV (with text that is not ASCII, so the bytes must survive as they are). */
export function buildFixtureDownloads(party: FixtureParty, month = FIXTURE_MONTH): FixtureDownload[] {
  const lines = [
    'day,item_id,response_code,model,failures',
    `${month}-01,MR-4.6.1,E101,Zähler ${party.partyId},3`,
    `${month}-02,MR-4.6.1,E204,"Hub, ${party.partyId}",1`,
  ];
  const text = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...text]);
  return [{ name: 'failures', file: 'failures.csv', rows: lines.length - 1, bytes }];
}

/** Write the sealed fixture month under `dir`; returns the paths runSite takes. */
export async function writeSealedFixture(
  dir: string,
  parties: FixtureParty[] = FIXTURE_PARTIES,
  month = FIXTURE_MONTH,
  notes: readonly InsightNote[] = [],
): Promise<{ sealManifest: string; sealedDir: string }> {
  const sealDir = join(dir, 'seal');
  const manifest = {
    month,
    parties: [] as { partyId: string; slug: string; keyring: string; files: { name: string; sha256: string }[] }[],
  };
  for (const party of parties) {
    const context = { partySlug: party.slug, month };
    const dataKey = createHash('sha256').update(`fixture data key ${party.partyId}`).digest();
    const plainDir = join(dir, 'partition', party.partyId);
    const area = join(sealDir, 'u', party.slug);
    await mkdir(plainDir, { recursive: true });
    await mkdir(join(area, 'data'), { recursive: true });
    const datasets = Object.entries(buildFixtureDatasets(party, month)).flatMap(([name, table]) =>
      (month === FIXTURE_MONTH && SPLIT_DATASETS.includes(name) ? toProcessParts(table) : [{ part: undefined, table }]).map(
        ({ part, table: t }) => ({
          name,
          part,
          file: part ? toPartFile(name, part) : `${name}.arrow`,
          bytes: tableToIPC(t, 'file'),
          rows: t.numRows,
        }),
      ),
    );
    const downloads = buildFixtureDownloads(party, month);
    for (const f of [...datasets, ...downloads]) await writeFile(join(plainDir, f.file), f.bytes);
    const entries: DownloadEntry[] = downloads.map((d) => ({
      name: d.name,
      file: d.file,
      rows: d.rows,
      sha256: sha256Hex(d.bytes),
      format: 'csv',
    }));
    const partyManifest = withDownloads(
      {
        party: { partyId: party.partyId, partyName: party.partyName, roles: party.roles },
        month,
        datasets: datasets.map((d) => ({ name: d.name, part: d.part, file: d.file, rows: d.rows, sha256: sha256Hex(d.bytes) })),
      },
      'csv',
      entries,
    );
    await writeFile(join(plainDir, 'manifest.json'), JSON.stringify(partyManifest));
    // What the seal stage seals: the manifest and every file it lists, digest-checked.
    const input = await readPartyInput(join(dir, 'partition'), party.partyId, month);
    const withNotes = withPartyInsights(input.manifestBytes, notes);
    const files = [];
    for (const source of [
      { name: 'manifest.json', bytes: withNotes.manifestBytes },
      ...(await Promise.all(input.files.map(async (f) => ({ name: f.name, bytes: await readFile(f.path) })))),
      ...(withNotes.file ? [withNotes.file] : []),
    ]) {
      const sealed = await sealFile(source.bytes, dataKey, { ...context, fileName: source.name });
      const name = `data/${source.name}.sealed`;
      await writeFile(join(area, name), sealed);
      files.push({ name, sha256: sha256Hex(sealed) });
    }
    const secrets = await deriveRecipientSecrets({ recipientId: party.recipientId, token: new Uint8Array(32).fill(party.tokenByte) });
    await writeFile(join(area, 'keyring.json'), await buildKeyring(context, dataKey, [{ recipientId: party.recipientId, ...secrets }]));
    manifest.parties.push({ partyId: party.partyId, slug: party.slug, keyring: 'keyring.json', files });
  }
  const sealManifest = join(sealDir, 'seal-manifest.json');
  await writeFile(sealManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  // the fixture month was published with 8 of 10,000 service requests rejected; the earlier month had none
  const rejected: Record<string, FileCounts> =
    month === FIXTURE_MONTH ? { service_requests: { rowsRead: 10_000, rowsRejected: 8, maxRejectRate: 0.001 } } : {};
  await writeIngestManifest(dir, buildIngestManifest(month, rejected));
  return { sealManifest, sealedDir: join(sealDir, 'u') };
}
