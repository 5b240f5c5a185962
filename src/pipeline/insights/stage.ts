import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import type { Workspace } from '../workspace.ts';
import { insightNoteSchema, parseNoteFile, type InsightNote } from './note.ts';

/** `public.json`: the month's public notes, for the landing page and the guidance search (public: nothing else goes in). */
export const publicInsightsSchema = z.object({ month: z.string(), notes: z.array(insightNoteSchema) });
export type PublicInsights = z.infer<typeof publicInsightsSchema>;

export const insightsWorkDir = (ws: Workspace): string => join(ws.work, ws.month, 'insights');
export const PUBLIC_INSIGHTS_FILE = 'public.json';
/** Role and party notes: private, read by seal only (sealed into each reader's area). */
export const PRIVATE_INSIGHTS_FILE = 'notes.json';

/** Audience label of a note: `public`, a role, or the party ids. */
export const toAudienceLabel = (note: InsightNote): string => (Array.isArray(note.audience) ? note.audience.join('+') : note.audience);

/** Notes per audience, e.g. `public 2, GS 1, NWE 1`. */
export function toAudienceSummary(notes: readonly InsightNote[]): string {
  if (notes.length === 0) return 'no notes';
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(toAudienceLabel(note), (counts.get(toAudienceLabel(note)) ?? 0) + 1);
  const list = [...counts].map(([audience, n]) => `${audience} ${n}`).join(', ');
  return list;
}

/** Every `content/insights/<month>/*.md`, by file name; no folder means no notes. */
export async function readInsightNotes(content: string, month: string): Promise<InsightNote[]> {
  const dir = join(content, month);
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  return Promise.all(files.map(async (f) => parseNoteFile(join(dir, f), await readFile(join(dir, f), 'utf8'))));
}

/** Read and check the month's notes; write the public ones to `work/<M>/insights/public.json`. */
export async function runInsights(ws: Workspace, options: { content: string }): Promise<InsightNote[]> {
  const notes = await readInsightNotes(options.content, ws.month);
  const publicNotes: PublicInsights = { month: ws.month, notes: notes.filter((n) => n.audience === 'public') };
  const privateNotes = { month: ws.month, notes: notes.filter((n) => n.audience !== 'public') };
  await writeDirAtomic(insightsWorkDir(ws), async (tmp) => {
    await writeFile(join(tmp, PUBLIC_INSIGHTS_FILE), `${JSON.stringify(publicNotes, null, 2)}\n`);
    await writeFile(join(tmp, PRIVATE_INSIGHTS_FILE), `${JSON.stringify(privateNotes, null, 2)}\n`);
  });
  return notes;
}
