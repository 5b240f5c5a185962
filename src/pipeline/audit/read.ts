import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataType, tableFromIPC, type Data, type Table, type Utf8, type Vector } from 'apache-arrow';
import { sha256 } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { readJsonFile } from '../../lib/json.ts';
import {
  PARTITION_MANIFEST_FILE,
  partitionManifestSchema,
  partyManifestSchema,
  type PartitionManifest,
  type PartyManifest,
} from '../../shared/partitionManifest.ts';
import type { AuditMonth, DatasetRows, PartyView, Row, Value } from './input.ts';

/**
 * Each value of a utf8 column in row order (null for none), sliced straight from the column's bytes: the vector's
 * own iterator decodes each value through a TextDecoder, several times slower.
 */
function forEachString(vector: Vector, visit: (value: string | null, row: number) => void): void {
  let row = 0;
  for (const data of vector.data as Data<Utf8>[]) {
    const bytes = Buffer.from(data.values.buffer, data.values.byteOffset, data.values.byteLength);
    const offsets = data.valueOffsets;
    for (let i = 0; i < data.length; i += 1, row += 1)
      visit(data.nullCount > 0 && !data.getValid(i) ? null : bytes.toString('utf8', offsets[i], offsets[i + 1]), row);
  }
}

/** A utf8 column's values, each distinct one kept once (the same few keys repeat on every row). */
export function toStrings(vector: Vector): (string | null)[] {
  const out = new Array<string | null>(vector.length);
  const seen = new Map<string, string>();
  forEachString(vector, (value, row) => {
    if (value === null) {
      out[row] = null;
      return;
    }
    const kept = seen.get(value);
    if (kept === undefined) seen.set(value, value);
    out[row] = kept ?? value;
  });
  return out;
}

/** A utf8 column's distinct values other than null, in the order they first appear. */
function toDistinctStrings(vector: Vector): Set<string> {
  const distinct = new Set<string>();
  forEachString(vector, (value) => {
    if (value !== null) distinct.add(value);
  });
  return distinct;
}

/** A column as plain values: numbers without nulls in one typed-array copy, text from its bytes, the rest through the iterator (nulls as null). */
function toValues(vector: Vector | null): ArrayLike<Value | undefined> {
  if (!vector) return [];
  if (vector.nullCount === 0 && (DataType.isInt(vector.type) || DataType.isFloat(vector.type)))
    return vector.toArray() as ArrayLike<number>;
  return DataType.isUtf8(vector.type) ? toStrings(vector) : Array.from(vector as Iterable<Value>);
}

/** Own statistics (RTT sums, minima, means, own rates) feed no check; industry and peer columns, and root causes' comparisons, all do. */
const isRead = (dataset: string, column: { name: string; type: string }): boolean =>
  column.type !== 'list<int32>' &&
  (column.type !== 'float64' ||
    column.name.startsWith('industry_') ||
    dataset.endsWith('peers') ||
    dataset === 'league' ||
    dataset === 'root_causes');

/** Datasets only the label check reads: each text value once is all it needs (item_failures alone holds millions of rows at scale). */
export const LABEL_ONLY = new Set([
  'item_failures',
  'item_codes',
  'installs_daily',
  'ed_alert_counts',
  'ed_n16_n42',
  'ed_outages',
  'incidents',
]);

/** One row per distinct (text column, value): what the label check reads, without the rows. */
function toDistinctTextRows(table: Table, columns: PartyManifest['datasets'][number]['columns']): Row[] {
  const rows: Row[] = [];
  for (const c of columns.filter((x) => x.type === 'utf8')) {
    const vector = table.getChild(c.name);
    if (vector) for (const value of toDistinctStrings(vector)) rows.push({ [c.name]: value });
  }
  return rows;
}

/** One dataset as plain rows, with the columns the checks read. */
async function readDatasetRows(dir: string, entry: PartyManifest['datasets'][number]): Promise<DatasetRows> {
  const path = join(dir, entry.file);
  const bytes = await readFile(path);
  if (sha256(bytes) !== entry.sha256) throw new CarsError('dataset does not match its manifest digest', path);
  const table = tableFromIPC(bytes);
  if (LABEL_ONLY.has(entry.name)) return { columns: entry.columns, rows: toDistinctTextRows(table, entry.columns) };
  const columns = entry.columns.filter((c) => isRead(entry.name, c));
  const values = columns.map((c) => toValues(table.getChild(c.name)));
  const rows: Row[] = [];
  for (let i = 0; i < table.numRows; i += 1) {
    const row: Record<string, Value> = {};
    columns.forEach((c, k) => (row[c.name] = values[k]![i] ?? null));
    rows.push(row);
  }
  return { columns, rows };
}

/** The month's partition manifest; null when the month has no partitions. */
export async function readPartitionList(work: string, month: string): Promise<PartitionManifest | null> {
  const path = join(work, month, 'partition', PARTITION_MANIFEST_FILE);
  return existsSync(path) ? readJsonFile(path, partitionManifestSchema, { stage: 'partition' }) : null;
}

/** The month's partitions as every party sees them; null when the month has none. `skip` leaves datasets out. */
export async function readAuditMonth(
  work: string,
  month: string,
  skip: readonly string[] = [],
  onParty: (done: number) => void = () => {},
): Promise<AuditMonth | null> {
  const dir = join(work, month, 'partition');
  const top = await readPartitionList(work, month);
  if (!top) return null;
  const parties: PartyView[] = [];
  for (const party of top.parties) {
    const manifestPath = join(dir, party.manifest);
    const text = await readFile(manifestPath).catch(() => {
      throw new CarsError('party manifest missing', manifestPath);
    });
    if (sha256(text) !== party.sha256) throw new CarsError('party manifest does not match its digest', manifestPath);
    const manifest = partyManifestSchema.parse(JSON.parse(text.toString('utf8')));
    // a dataset listed in parts (one per business process) is checked as the rows of all its parts together
    const parts = new Map<string, DatasetRows[]>();
    for (const entry of manifest.datasets) {
      if (skip.includes(entry.name)) continue;
      const read = await readDatasetRows(join(dir, party.partyId), entry);
      const gathered = parts.get(entry.name);
      if (gathered) gathered.push(read);
      else parts.set(entry.name, [read]);
    }
    const datasets = Object.fromEntries(
      [...parts].map(([name, list]) => [
        name,
        list.length === 1 ? list[0]! : { columns: list[0]!.columns, rows: list.flatMap((p) => p.rows) },
      ]),
    );
    parties.push({ partyId: party.partyId, partyName: party.partyName, roles: party.roles, datasets });
    onParty(parties.length);
  }
  return { month, policy: top.policy.disclosure, parties };
}
