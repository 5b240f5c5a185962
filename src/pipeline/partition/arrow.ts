import { Bool, Field, Float64, Int32, List, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { DatasetEntry } from '../../shared/partitionManifest.ts';

export type ArrowType = DatasetEntry['columns'][number]['type'];
export interface ColumnData {
  name: string;
  type: ArrowType;
  values: unknown[];
}

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

const arrowType = (type: ArrowType): DataType => {
  switch (type) {
    case 'utf8':
      return new Utf8();
    case 'int32':
      return new Int32();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'list<int32>':
      return new List(new Field('item', new Int32(), true));
  }
};

/** Arrow IPC file bytes for columns (same input → same bytes: no timestamps, no metadata). */
export function toArrowFile(columns: readonly ColumnData[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = vectorFromArray(c.values, arrowType(c.type));
  return tableToIPC(new Table(vectors), 'file');
}
