import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CarsError } from '../../lib/errors.ts';
import { toHistoryMonths } from '../../lib/month.ts';
import { FILES } from '../contract.ts';

export type InputFormat = 'csv' | 'parquet';

export interface InputFile {
  month: string;
  name: string;
  /** Absolute path. */
  path: string;
  /** Relative to the dataset folder (`2024-10/parties.csv`), as reports show it. */
  shown: string;
  format: InputFormat;
  bytes: number;
}

export interface DatasetLayout {
  data: string;
  month: string;
  /** Month folders present, oldest first; the reporting month is last. */
  months: string[];
  missing: string[];
  files: InputFile[];
}

/**
 * Pick the contract files of one month folder. Every file must be present as exactly one of
 * `<name>.csv` / `<name>.parquet`; a month folder that exists is either complete or an error.
 */
export function toMonthFiles(folder: string, entries: string[]): { name: string; file: string; format: InputFormat }[] {
  return FILES.map(({ name }) => {
    const found = (['csv', 'parquet'] as const).filter((format) => entries.includes(`${name}.${format}`));
    if (found.length === 0) throw new CarsError('required file missing', `${name}.csv or ${name}.parquet`, folder);
    if (found.length > 1) throw new CarsError('file given twice', `${name}.csv and ${name}.parquet`, folder);
    const format = found[0] as InputFormat;
    return { name, file: `${name}.${format}`, format };
  });
}

async function listDir(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Month M must exist with all six files. A history month (M-1, M-2) is optional: when its
 * folder is absent it is skipped and listed as missing; when present it must be complete.
 */
export async function readDatasetLayout(dataDir: string, month: string): Promise<DatasetLayout> {
  const data = resolve(dataDir);
  if (!(await listDir(data))) throw new CarsError('dataset folder not found', data, '--data');
  const months: string[] = [];
  const missing: string[] = [];
  const files: InputFile[] = [];
  for (const m of toHistoryMonths(month)) {
    const dir = join(data, m);
    const entries = await listDir(dir);
    if (!entries) {
      if (m === month) throw new CarsError('month folder not found', dir, '--month');
      missing.push(m);
      continue;
    }
    months.push(m);
    for (const { name, file, format } of toMonthFiles(dir, entries)) {
      const path = join(dir, file);
      files.push({ month: m, name, path, shown: `${m}/${file}`, format, bytes: (await stat(path)).size });
    }
  }
  return { data, month, months, missing, files };
}
