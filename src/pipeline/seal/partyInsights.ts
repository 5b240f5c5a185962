import { join } from 'node:path';
import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/digest.ts';
import { readJsonFile } from '../../lib/json.ts';
import { INSIGHTS_FILE, type PartyManifest } from '../../shared/partitionManifest.ts';
import { insightNoteSchema, insightsWorkDir, PRIVATE_INSIGHTS_FILE, type InsightNote } from '../insights/index.ts';
import type { Workspace } from '../workspace.ts';

const privateNotesSchema = z.object({ month: z.string(), notes: z.array(insightNoteSchema) });

/** The month's role and party notes (`work/<M>/insights/notes.json`); none when the insights stage has not run. */
export async function readPrivateNotes(ws: Workspace): Promise<InsightNote[]> {
  const path = join(insightsWorkDir(ws), PRIVATE_INSIGHTS_FILE);
  const file = await readJsonFile(path, privateNotesSchema, { stage: 'insights', optional: true });
  if (file && file.month !== ws.month) throw new CarsError('insight notes of another month, rerun the insights stage', file.month, path);
  return file?.notes ?? [];
}

/** A note as its reader gets it: without the audience. */
export type PartyNote = Omit<InsightNote, 'audience'>;

/** Notes one party may read: for one of its roles or naming it. The audience is left out (it may name other parties). */
export function toPartyNotes(notes: readonly InsightNote[], party: PartyManifest['party']): PartyNote[] {
  return notes
    .filter((n) => (Array.isArray(n.audience) ? n.audience.includes(party.partyId) : party.roles.some((r) => r === n.audience)))
    .map(({ id, title, date, html, reportItem, businessProcess }) => ({ id, title, date, html, reportItem, businessProcess }));
}

/** The party's manifest and files with its notes added as `insights.json`, or unchanged when it has none. */
export function withPartyInsights(
  manifestBytes: Uint8Array,
  notes: readonly InsightNote[],
): { manifestBytes: Uint8Array; file?: { name: string; bytes: Uint8Array } } {
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as PartyManifest;
  const own = toPartyNotes(notes, manifest.party);
  if (own.length === 0) return { manifestBytes };
  const bytes = new TextEncoder().encode(`${JSON.stringify({ notes: own })}\n`);
  const updated = { ...manifest, insights: { file: INSIGHTS_FILE, sha256: sha256(bytes) } };
  return { manifestBytes: new TextEncoder().encode(`${JSON.stringify(updated, null, 2)}\n`), file: { name: INSIGHTS_FILE, bytes } };
}
