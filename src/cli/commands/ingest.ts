import { CarsError } from '../../lib/errors.ts';
import { parseMonth } from '../../lib/month.ts';
import { ingestMonth, toSummaryText } from '../../pipeline/ingest/index.ts';
import { parseRejectRates } from '../args.ts';
import type { Command } from '../command.ts';
import { dataOption, maxRejectRateOption, monthOption, workOption } from '../options.ts';

export const ingest: Command = {
  name: 'ingest',
  summary: 'load and validate a month (and its two history months) into the work folder',
  usage: 'ingest --data DIR --month YYYY-MM [--work DIR] [--max-reject-rate F] [--max-reject-rate NAME=F …]',
  options: {
    data: dataOption(),
    month: monthOption(),
    work: workOption('work folder; output in <work>/<month>/ingest/'),
    'max-reject-rate': maxRejectRateOption("largest fraction of a file's rows rejected before failing"),
  },
  async run(values) {
    if (typeof values.data !== 'string') throw new CarsError('missing option', '--data DIR', 'cars ingest');
    if (typeof values.month !== 'string') throw new CarsError('missing option', '--month YYYY-MM', 'cars ingest');
    const result = await ingestMonth({
      data: values.data,
      month: parseMonth(values.month),
      work: String(values.work ?? 'work'),
      ...parseRejectRates(values['max-reject-rate']),
    });
    console.log(toSummaryText(result.manifest, result.rejects));
    console.log(`wrote ${result.dir}`);
    return result.manifest.withinThreshold ? 0 : 1;
  },
};
