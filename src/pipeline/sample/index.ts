import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FILES, ROLES } from '../contract.ts';
import { fillSql, queryRows, sqlString } from '../../lib/duckdb.ts';
import { CarsError } from '../../lib/errors.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { addMonths, parseMonth } from '../../lib/month.ts';
import { startProgress } from '../../lib/progress.ts';
import { buildParties } from './parties.ts';
import { openGeneratorDb, type GeneratorDb } from './db.ts';
import { buildCopySql, toFileName, type SampleFormat } from './output.ts';
import { SCALE_SPECS, scaleSchema } from './scales.ts';
import { buildCatalogueSql } from './tables.ts';

export const sampleOptionsSchema = z.object({
  scale: scaleSchema,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  out: z.string().min(1),
  format: z.enum(['csv', 'parquet']),
  months: z.number().int().min(1).max(24),
  month: z.string(),
  threads: z.number().int().min(1).optional(),
});
export type SampleOptions = z.infer<typeof sampleOptionsSchema>;

export const sampleSummarySchema = z.object({
  scale: scaleSchema,
  seed: z.number(),
  format: z.enum(['csv', 'parquet']),
  out: z.string(),
  partiesPerRole: z.record(z.enum(ROLES), z.number()),
  months: z.array(z.object({ month: z.string(), rows: z.record(z.string(), z.number()) })),
});
export type SampleSummary = z.infer<typeof sampleSummarySchema>;

const SQL_DIR = new URL('./sql/', import.meta.url);
const REFERENCE_DIR = fileURLToPath(new URL('../../../data/reference', import.meta.url));

const readSqlFile = (name: string): Promise<string> => readFile(new URL(name, SQL_DIR), 'utf8');

/** The months of a dataset: `count` consecutive months ending at `last`, oldest first. */
export const toSampleMonths = (last: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));

/** Generate a deterministic sample dataset (design brief §3) into `out/<YYYY-MM>/<file>.<format>`. */
export async function writeSample(input: SampleOptions): Promise<SampleSummary> {
  const options = sampleOptionsSchema.parse(input);
  const months = toSampleMonths(parseMonth(options.month), options.months);
  const spec = SCALE_SPECS[options.scale];
  const parties = buildParties(spec.suppliers, spec.dnos);
  const spill = join(tmpdir(), `cars-sample-${process.pid}-${options.seed}`);
  await mkdir(spill, { recursive: true });
  // One thread at tiny scale: there a lookup table can outgrow the request side, and a multi-threaded
  // hash-join build would then make row order (not content) vary between runs.
  const threads = options.threads ?? (options.scale === 'tiny' ? 1 : 2);
  const { db, close } = await openGeneratorDb({ threads, tempDirectory: spill });
  try {
    return await writeDirAtomic(options.out, async (dir) => {
      const world = startProgress(`sample ${options.scale}: world`);
      const vars = {
        seed: options.seed,
        referenceDir: REFERENCE_DIR.replaceAll("'", "''"),
        premises: spec.premises,
        installShare: spec.installShare,
        cosShare: spec.cosShare,
      };
      await db.run(buildCatalogueSql(parties, months));
      for (const file of ['setup.sql', 'world.sql', 'journeys.sql', 'incidentsAll.sql'])
        await db.run(fillSql(await readSqlFile(file), vars));
      world.end();
      const summaries: SampleSummary['months'] = [];
      const progress = startProgress(`sample ${options.scale}: months`, months.length * FILES.length);
      for (const [index, month] of months.entries()) {
        const monthVars = { ...vars, month, requests: spec.requestsPerMonth, alerts: spec.alertsPerMonth };
        summaries.push({
          month,
          rows: await writeMonth(db, monthVars, options.format, join(dir, month), (n) => progress.tick(index * FILES.length + n)),
        });
      }
      progress.end(`${months.length} months`);
      return sampleSummarySchema.parse({
        scale: options.scale,
        seed: options.seed,
        format: options.format,
        out: options.out,
        partiesPerRole: Object.fromEntries(ROLES.map((role) => [role, parties.filter((p) => p.roles.includes(role)).length])),
        months: summaries,
      });
    });
  } finally {
    close();
    await rm(spill, { recursive: true, force: true });
  }
}

async function writeMonth(
  db: GeneratorDb,
  vars: Record<string, string | number>,
  format: SampleFormat,
  dir: string,
  tick: (done: number) => void,
): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  const month = String(vars.month);
  const [bounds] = await queryRows<{ start: string; end: string; startMs: number; endMs: number; firstDay: string; lastDay: string }>(
    db,
    `SELECT strftime(month_start, '%Y-%m-%d %H:%M:%S%z') AS start, strftime(month_end, '%Y-%m-%d %H:%M:%S%z') AS "end",
       epoch_ms(month_start)::DOUBLE AS "startMs", epoch_ms(month_end)::DOUBLE AS "endMs",
       strftime(first_day, '%Y-%m-%d') AS "firstDay", strftime(last_day, '%Y-%m-%d') AS "lastDay"
     FROM months WHERE month = ${sqlString(month)}`,
  );
  if (!bounds) throw new CarsError('month not in the generated window', month, 'sample');
  const monthVars = {
    ...vars,
    monthKey: month.replace('-', ''),
    monthStart: bounds.start,
    monthEnd: bounds.end,
    monthStartMs: bounds.startMs,
    monthEndMs: bounds.endMs,
    monthMs: bounds.endMs - bounds.startMs,
    firstDay: bounds.firstDay,
    lastDay: bounds.lastDay,
  };
  await db.run(fillSql(await readSqlFile('pool.sql'), monthVars));
  const rows: Record<string, number> = {};
  for (const [index, file] of FILES.entries()) {
    const query = fillSql(await readSqlFile(`files/${file.name}.sql`), monthVars);
    const result = await db.run(buildCopySql(file, query, format, join(dir, toFileName(file, format))));
    rows[file.name] = result.rowsChanged;
    tick(index + 1);
  }
  return rows;
}
