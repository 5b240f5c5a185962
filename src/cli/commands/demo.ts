import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild, STAGES } from '../../pipeline/build.ts';
import { writeSample } from '../../tools/sample/index.ts';
import { toWorkspace } from '../../pipeline/workspace.ts';
import type { Command } from '../command.ts';
import { flagOption, portOption, textOption } from '../options.ts';
import { serve } from './serve.ts';

const DEMO_MONTH = '2025-10';

export const demo: Command = {
  name: 'demo',
  summary: 'generate sample data (once), build the demo month and serve it',
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
    const ws = toWorkspace({ month: DEMO_MONTH, out: 'dist', work: 'work' });
    await runBuild(ws, {
      data,
      secrets: 'secrets',
      host: 'host',
      archive: 'archive',
      maxRejectRate: 0,
      bootstrap: true,
      pdf: 'auto',
      stages: [...STAGES],
    });
    if (values['no-serve']) return;
    await serve.run({ out: 'dist', port: values.port as string, month: DEMO_MONTH, secrets: 'secrets' }, []);
  },
};
