import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FILES, ROLES } from '../../pipeline/contract.ts';
import { fillSql, openDb } from '../../lib/duckdb.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { addMonths, parseMonth } from '../../lib/month.ts';
import { startProgress } from '../../lib/progress.ts';
import { writeWorldLookups } from './lookups.ts';
import { readMonthVars, readSqlFile, writeMonthFiles, writeMonthTables, type SqlVars } from './months.ts';
import { buildParties } from './parties.ts';
import { SCALE_SPECS, scaleSchema, toAlertVars } from './scales.ts';
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
  /** Alerts per service request (a real month has about 1.6); the scale's own alert volume when absent. */
  alertsPerRequest: z.number().positive().max(50).optional(),
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

const REFERENCE_DIR = fileURLToPath(new URL('../../../data/reference', import.meta.url));

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
  const threads = options.threads ?? 2;
  const { db, connect, close } = await openDb(':memory:', { threads, tempDirectory: spill });
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
      for (const file of ['setup.sql', 'world.sql', 'pool.sql', 'journeys.sql', 'incidentsAll.sql'])
        await db.run(fillSql(await readSqlFile(file), vars));
      await writeWorldLookups(db);
      // Month queries run on one thread each: DuckDB cuts Parquet row groups where parallel batches happen to
      // meet, so only a single thread writes the same bytes every time. Months use the cores side by side instead.
      await db.run('SET threads = 1');
      world.end();
      const progress = startProgress(`sample ${options.scale}: months`, months.length * FILES.length);
      const monthVars: SqlVars[] = [];
      for (const month of months) {
        const mv = await readMonthVars(
          db,
          { ...vars, requests: spec.requestsPerMonth, ...toAlertVars(spec, options.alertsPerRequest) },
          month,
        );
        await writeMonthTables(db, mv);
        monthVars.push(mv);
      }
      const connections = [db, ...(await Promise.all(Array.from({ length: threads - 1 }, connect)))];
      let written = 0;
      const rows = await writeMonthFiles(connections, monthVars, options.format, dir, () => progress.tick(++written));
      const summaries: SampleSummary['months'] = months.map((month) => ({ month, rows: rows[month] ?? {} }));
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
