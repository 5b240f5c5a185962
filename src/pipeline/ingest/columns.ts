import { open } from 'node:fs/promises';
import { CarsError } from '../../lib/errors.ts';
import type { ColumnSpec, FileSpec } from '../contract.ts';

const HEADER_LIMIT = 64 * 1024;

/** Split one CSV header line (RFC 4180 quoting) into names. */
export function parseCsvHeader(line: string): string[] {
  const names: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      names.push(field);
      field = '';
    } else field += ch;
  }
  names.push(field);
  return names;
}

/** The header row of a CSV file (BOM and CRLF tolerated); a 0-byte file has none. */
export async function readCsvHeader(path: string, shown: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_LIMIT, 0);
    if (bytesRead === 0) throw new CarsError('empty file: no header row', shown);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const end = text.indexOf('\n');
    if (end < 0 && bytesRead === HEADER_LIMIT) throw new CarsError('header row longer than 64 KiB', shown);
    return parseCsvHeader((end < 0 ? text : text.slice(0, end)).replace(/\r$/, ''));
  } finally {
    await handle.close();
  }
}

/** A wrong column set rejects the whole file: no row of it can be read the way the contract says. */
export function checkColumnSet(spec: FileSpec, names: string[], shown: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new CarsError('duplicate column', name, shown);
    seen.add(name);
  }
  for (const column of spec.columns) {
    if (!seen.has(column.name)) throw new CarsError('missing column', column.name, shown);
  }
  const known = new Set(spec.columns.map((c) => c.name));
  for (const name of names) {
    if (!known.has(name)) throw new CarsError('unexpected column', name, shown);
  }
}

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT']);

/** Parquet column types accepted for a contract column: VARCHAR always, or the native type. */
export function isAcceptedParquetType(column: ColumnSpec, type: string): boolean {
  if (type === 'VARCHAR') return true;
  switch (column.type) {
    case 'DATE':
      return type === 'DATE';
    case 'TIMESTAMPTZ':
      return type === 'TIMESTAMP WITH TIME ZONE';
    case 'TINYINT':
      return INTEGER_TYPES.has(type);
    case 'VARCHAR[]':
      return type === 'VARCHAR[]';
    case 'VARCHAR':
      return false;
  }
}

export function checkParquetSchema(spec: FileSpec, schema: { name: string; type: string }[], shown: string): void {
  checkColumnSet(
    spec,
    schema.map((c) => c.name),
    shown,
  );
  for (const column of spec.columns) {
    const found = schema.find((c) => c.name === column.name)?.type ?? '';
    if (!isAcceptedParquetType(column, found)) {
      throw new CarsError('wrong Parquet column type', `${column.name} is ${found}, expected ${column.type} or VARCHAR`, shown);
    }
  }
}
