import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { RecordBatchFileWriter, Table, makeVector, type Data, type Vector } from 'apache-arrow';
import type { DatasetEntry } from '../../shared/partitionManifest.ts';

export type ArrowType = DatasetEntry['columns'][number]['type'];

/** Dataset column type for a DuckDB column type (what the partition SELECT casts to). */
export function toArrowType(duckType: string): ArrowType {
  if (duckType === 'VARCHAR' || duckType === 'DATE' || duckType.startsWith('TIMESTAMP')) return 'utf8';
  if (duckType === 'BOOLEAN') return 'bool';
  if (['DOUBLE', 'FLOAT'].includes(duckType) || duckType.startsWith('DECIMAL')) return 'float64';
  if (['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT'].includes(duckType))
    return 'int32';
  if (duckType === 'INTEGER[]' || duckType === 'BIGINT[]') return 'list<int32>';
  throw new Error(`no dataset type for DuckDB type ${duckType}`);
}

/** SQL expression casting a column to the representation its Arrow type expects. */
export function toCastSql(name: string, duckType: string): string {
  const q = `"${name}"`;
  if (duckType === 'DATE') return `strftime(${q}, '%Y-%m-%d') AS ${q}`;
  if (duckType.startsWith('TIMESTAMP')) return `strftime(make_timestamp(epoch_us(${q})), '%Y-%m-%dT%H:%M:%SZ') AS ${q}`;
  const type = toArrowType(duckType);
  if (type === 'int32') return `CAST(${q} AS INTEGER) AS ${q}`;
  if (type === 'float64') return `CAST(${q} AS DOUBLE) AS ${q}`;
  if (type === 'list<int32>') return `CAST(${q} AS INTEGER[]) AS ${q}`;
  return q;
}

/**
 * Write columns as an Arrow IPC file (same input → same bytes: no timestamps, no metadata) and
 * return its SHA-256. The writer's pieces go straight to the file, never joined into one buffer.
 */
export async function writeArrowFile(path: string, columns: readonly { name: string; data: Data }[]): Promise<string> {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = makeVector(c.data);
  const parts: Uint8Array[] = [];
  const hash = createHash('sha256');
  for await (const part of RecordBatchFileWriter.writeAll(new Table(vectors))) {
    parts.push(part);
    hash.update(part);
  }
  const file = await open(path, 'w');
  try {
    await file.writev(parts);
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}
