import { CarsError } from '../../lib/errors.ts';
import { parseMonth } from '../../lib/month.ts';
import { readPartyDataset, readPartyManifest, type DatasetRow } from '../../pipeline/partition/read.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';
import { flagOption, monthOption, outOption, partyOption, textOption, workOption } from '../options.ts';

const MAX_CELL = 24;

const toCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value)
    ? `[${value.join(',')}]`
    : typeof value === 'number' && !Number.isInteger(value)
      ? String(Number(value.toPrecision(6)))
      : String(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
};

/** Plain text table: a header line, a rule, one line per row. */
export function toTextTable(rows: readonly DatasetRow[], columns: readonly string[]): string {
  const cells = rows.map((r) => columns.map((c) => toCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export const inspect: Command = {
  name: 'inspect',
  summary: "print a party's datasets of a month, for debugging and audit",
  usage: 'inspect --out DIR --month YYYY-MM --party P [--dataset D] [--json] [--work DIR]',
  options: {
    out: outOption('output folder of the build'),
    month: monthOption(),
    party: partyOption(),
    dataset: textOption('D', 'one dataset to print (default: list the datasets)'),
    json: flagOption('print JSON instead of a table'),
    work: workOption(),
  },
  async run(values) {
    if (typeof values.month !== 'string') throw new CarsError('missing option', '--month YYYY-MM', 'cars inspect');
    if (typeof values.party !== 'string') throw new CarsError('missing option', '--party P', 'cars inspect');
    const ws = toWorkspace({ work: String(values.work ?? 'work'), out: String(values.out ?? 'dist'), month: parseMonth(values.month) });
    const manifest = await readPartyManifest(ws, values.party);
    if (typeof values.dataset !== 'string') {
      const list = manifest.datasets.map((d) => ({
        dataset: d.part ? `${d.name} (${d.part})` : d.name,
        rows: d.rows,
        columns: d.columns.length,
        sha256: d.sha256.slice(0, 16),
      }));
      if (values.json) console.log(JSON.stringify({ party: manifest.party, month: manifest.month, datasets: manifest.datasets }, null, 2));
      else
        console.log(
          `${manifest.party.partyName} (${manifest.party.partyId}; ${manifest.party.roles.join(', ')}) ${manifest.month}\n\n${toTextTable(list, ['dataset', 'rows', 'columns', 'sha256'])}`,
        );
      return 0;
    }
    const rows = await readPartyDataset(ws, manifest, values.dataset);
    const columns = manifest.datasets.find((d) => d.name === values.dataset)!.columns.map((c) => c.name);
    console.log(values.json ? JSON.stringify(rows, null, 2) : toTextTable(rows, columns));
    return 0;
  },
};
