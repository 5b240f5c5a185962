import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild, STAGES } from '../../pipeline/build.ts';
import { writeSample } from '../../tools/sample/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import { addMonths } from '../../shared/month.ts';
import type { Command } from '../command.ts';
import { flagOption, portOption, textOption } from '../options.ts';
import { serve } from './serve.ts';

const DEMO_MONTH = '2025-10';
/** Months built, oldest first: trends, the month switcher and month-over-month changes need more than one. */
const DEMO_MONTHS = [addMonths(DEMO_MONTH, -2), addMonths(DEMO_MONTH, -1), DEMO_MONTH];

export const demo: Command = {
  name: 'demo',
  summary: 'generate sample data (once), build the three demo months and serve them',
  usage: 'demo [--scale tiny|small|large] [--port N] [--no-serve]',
  options: {
    scale: textOption('SCALE', 'sample scale', 'small'),
    port: portOption(),
    'no-serve': flagOption('build only'),
  },
  async run(values) {
    const scale = values.scale as 'tiny' | 'small' | 'large';
    const data = join('data', 'sample', scale);
    if (!existsSync(join(data, DEMO_MONTH))) {
      await writeSample({ scale, seed: 1, out: data, format: scale === 'large' ? 'parquet' : 'csv', months: 3, month: DEMO_MONTH });
    }
    // In month order, so each month's disclosure control sees the month before it. PDFs for the latest month only: they take most of the time.
    for (const month of DEMO_MONTHS)
      await runBuild(toWorkspace({ month, out: 'dist', work: 'work' }), {
        data,
        secrets: 'secrets',
        host: 'host',
        archive: 'archive',
        maxRejectRate: 0,
        bootstrap: true,
        pdf: month === DEMO_MONTH ? 'auto' : 'off',
        stages: [...STAGES],
      });
    if (values['no-serve']) return;
    await serve.run({ out: 'dist', port: values.port as string, month: DEMO_MONTH, secrets: 'secrets' }, []);
  },
};
