import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256File } from '../../lib/digest.ts';
import { CarsError } from '../../lib/errors.ts';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { readJsonFile } from '../../lib/json.ts';
import { MONTH_PATTERN } from '../../shared/month.ts';
import { SEAL_MANIFEST_FILE } from '../../shared/partitionManifest.ts';
import { monthFactsSchema } from '../../shared/monthFacts.ts';
import { readIngestManifest, toInputRejects } from '../ingest/index.ts';
import { sealDir, sealManifestSchema, type SealManifest } from '../seal/sealStage.ts';
import { monthOutDir, stageDir, type Workspace } from '../workspace.ts';
import { publicInsightsSchema } from '../insights/index.ts';
import { runAstroBuild } from './astroBuild.ts';
import { findOutputProblems, listFiles, toSlugMismatch } from './checks.ts';

export const siteManifestSchema = z.object({
  month: z.string(),
  parties: z.number().int().nonnegative(),
  publicFiles: z.array(z.object({ path: z.string(), sha256: z.string() })),
});
export type SiteManifest = z.infer<typeof siteManifestSchema>;

/** Beside `slugs.json` in the site work folder: what the public pages state about the month. */
export const MONTH_FACTS_FILE = 'month-facts.json';

export const siteWorkDir = (ws: Workspace): string => stageDir(ws, 'site');

async function readSealManifest(path: string, month: string): Promise<SealManifest> {
  const manifest = await readJsonFile(path, sealManifestSchema, { stage: 'seal' });
  if (manifest.month !== month) throw new CarsError('seal manifest is for another month, rerun the seal stage', manifest.month, path);
  return manifest;
}

/** Check the sealed files the seal manifest lists for one party are in its area, byte for byte. */
async function checkSealedArea(area: string, party: SealManifest['parties'][number]): Promise<void> {
  if (!existsSync(join(area, party.keyring))) throw new CarsError('keyring missing for party', party.partyId, area);
  for (const file of party.files) {
    const path = join(area, file.name);
    if (!existsSync(path)) throw new CarsError('sealed file missing', file.name, area);
    if ((await sha256File(path)) !== file.sha256) throw new CarsError('sealed file differs from the seal manifest', file.name, area);
  }
}

/**
 * Publish the sealed files again into an already built month (after pack-pdf and a new seal): per party,
 * its shell pages are kept and its keyring and data files replaced, one area swapped in at a time.
 */
export async function publishSealedAreas(ws: Workspace): Promise<number> {
  const manifest = await readSealManifest(join(sealDir(ws), SEAL_MANIFEST_FILE), ws.month);
  const areas = join(monthOutDir(ws), 'u');
  for (const party of manifest.parties) {
    const area = join(areas, party.slug);
    if (!existsSync(join(area, 'index.html')))
      throw new CarsError('no site shell for a sealed party, rerun the site stage', party.partyId, area);
  }
  for (const party of manifest.parties) {
    const area = join(areas, party.slug);
    await writeDirAtomic(area, async (tmp) => {
      const shell = (await readdir(area)).filter((name) => name !== party.keyring && name !== 'data');
      for (const name of shell) await cp(join(area, name), join(tmp, name), { recursive: true });
      await cp(join(sealDir(ws), 'u', party.slug), tmp, { recursive: true, force: true });
      await checkSealedArea(tmp, party);
    });
  }
  return manifest.parties.length;
}

/** Months already published under the output folder (a month folder with its landing page), plus `month`. */
export async function listBuiltMonths(out: string, month: string): Promise<string[]> {
  const entries = existsSync(out) ? await readdir(out, { withFileTypes: true }) : [];
  const built = entries.filter((e) => e.isDirectory() && MONTH_PATTERN.test(e.name) && existsSync(join(out, e.name, 'index.html')));
  return [...new Set([...built.map((e) => e.name), month])].sort();
}

/** The insights stage's public notes for the month, checked; no file (the stage not run) means no notes. */
async function readPublicInsightsFile(path: string | undefined, month: string): Promise<string | undefined> {
  const file = path === undefined ? undefined : await readJsonFile(path, publicInsightsSchema, { stage: 'insights', optional: true });
  if (file === undefined) return undefined;
  if (file.month !== month) throw new CarsError('public insights file does not match, rerun the insights stage', path);
  if (file.notes.some((n) => n.audience !== 'public')) throw new CarsError('public insights file holds a non-public note', path);
  return path;
}

const toMonthsJson = (months: readonly string[]): string => `${JSON.stringify({ months })}\n`;

/**
 * Build the month's site: public pages + one shell per sealed party, with the sealed files copied in,
 * checked against the seal manifest, then swapped into `<out>/<month>/` at once.
 */
export async function runSite(
  ws: Workspace,
  options: { sealManifest: string; sealedDir: string; publicInsights?: string },
): Promise<SiteManifest> {
  const manifest = await readSealManifest(options.sealManifest, ws.month);
  const slugs = manifest.parties.map((p) => p.slug);
  if (new Set(slugs).size !== slugs.length) throw new CarsError('duplicate party slug in the seal manifest', options.sealManifest);
  const workDir = siteWorkDir(ws);
  await mkdir(workDir, { recursive: true });
  const slugsFile = join(workDir, 'slugs.json');
  await writeFile(slugsFile, `${JSON.stringify([...slugs].sort())}\n`);
  const factsFile = join(workDir, MONTH_FACTS_FILE);
  const facts = monthFactsSchema.parse({ month: ws.month, inputRejects: toInputRejects(await readIngestManifest(ws)) });
  await writeFile(factsFile, `${JSON.stringify(facts, null, 2)}\n`);

  const months = await listBuiltMonths(ws.out, ws.month);
  const siteManifest = await writeDirAtomic(monthOutDir(ws), async (tmp) => {
    await runAstroBuild({
      month: ws.month,
      outDir: tmp,
      slugsFile,
      factsFile,
      months,
      publicInsights: await readPublicInsightsFile(options.publicInsights, ws.month),
    });
    // The month switcher's list: this month's copy (frozen with the month) and the root list (all months).
    await writeFile(join(tmp, 'months.json'), toMonthsJson(months));
    const publicFiles = await listFiles(tmp);
    const problems = await findOutputProblems(tmp, publicFiles);
    if (problems.length > 0) throw new CarsError('site output breaks the publishing rules', problems.join('; '), tmp);
    const shells = publicFiles.filter((f) => /^u\/[^/]+\/index\.html$/.test(f)).map((f) => f.split('/')[1] as string);
    const { missing, extra } = toSlugMismatch(shells, slugs);
    if (missing.length || extra.length) {
      throw new CarsError('site shells and seal manifest disagree', { missing, extra }, options.sealManifest);
    }
    if (existsSync(options.sealedDir)) await cp(options.sealedDir, join(tmp, 'u'), { recursive: true, force: true });
    else if (slugs.length > 0) throw new CarsError('sealed folder missing', options.sealedDir);
    for (const party of manifest.parties) await checkSealedArea(join(tmp, 'u', party.slug), party);
    const areaFiles = existsSync(join(tmp, 'u')) ? await listFiles(join(tmp, 'u')) : [];
    const stray = [...new Set(areaFiles.map((f) => f.split('/')[0] ?? ''))].filter((s) => !slugs.includes(s));
    if (stray.length)
      throw new CarsError('sealed folder holds parties the seal manifest does not list', stray.join(', '), options.sealedDir);
    const digests = await Promise.all(
      publicFiles.filter((f) => !f.startsWith('u/')).map(async (path) => ({ path, sha256: await sha256File(join(tmp, path)) })),
    );
    return siteManifestSchema.parse({ month: ws.month, parties: slugs.length, publicFiles: digests });
  });
  await writeFile(join(ws.out, 'months.json'), toMonthsJson(await listBuiltMonths(ws.out, ws.month)));
  await writeFile(join(workDir, 'site-manifest.json'), `${JSON.stringify(siteManifest, null, 2)}\n`);
  return siteManifest;
}
