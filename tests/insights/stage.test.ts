import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PUBLIC_INSIGHTS_FILE,
  insightsWorkDir,
  publicInsightsSchema,
  runInsights,
  toAudienceSummary,
} from '../../src/pipeline/insights/index.ts';
import { readPrivateNotes, toPartyNotes } from '../../src/pipeline/seal/partyInsights.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'insights');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function workspace(): Promise<{ work: string; out: string; month: string; content: string }> {
  const root = await mkdtemp(join(tmpdir(), 'cars-insights-'));
  dirs.push(root);
  await cp(FIXTURES, join(root, 'content'), { recursive: true });
  return { work: join(root, 'work'), out: join(root, 'dist'), month: '2025-03', content: join(root, 'content') };
}

describe('insights stage', () => {
  it('lists the notes per audience and writes only the public ones to public.json', async () => {
    const ws = await workspace();
    const notes = await runInsights(ws, { content: ws.content });
    expect(toAudienceSummary(notes)).toBe('public 1, GS 1, NWE 1');
    expect(toAudienceSummary(notes.slice(0, 1))).toBe('public 1');
    const text = await readFile(join(insightsWorkDir(ws), PUBLIC_INSIGHTS_FILE), 'utf8');
    const file = publicInsightsSchema.parse(JSON.parse(text));
    expect(file.notes.map((n) => [n.id, n.audience])).toEqual([['firmware-rollout', 'public']]);
    expect(file.notes[0]?.html).toContain('<strong>Model B</strong>');
    expect(text).not.toMatch(/quokka|pangolin|<script|never rendered/);
  });

  it('gives each party only the notes for its roles or its id, without the audience (which may name others)', async () => {
    const ws = await workspace();
    await runInsights(ws, { content: ws.content });
    const notes = await readPrivateNotes(ws);
    expect(notes.map((n) => n.id).sort()).toEqual(['gas-suppliers', 'nwe-backlog'].sort());
    const nwe = toPartyNotes(notes, { partyId: 'NWE', partyName: 'N', roles: ['IS', 'ED'] });
    expect(nwe.map((n) => n.id)).toEqual(['nwe-backlog']);
    expect(JSON.stringify(nwe)).not.toContain('audience');
    expect(toPartyNotes(notes, { partyId: 'FXG', partyName: 'F', roles: ['GS'] }).map((n) => n.id)).toEqual(['gas-suppliers']);
    expect(toPartyNotes(notes, { partyId: 'OTH', partyName: 'O', roles: ['ES'] })).toEqual([]);
  });

  it('a month without notes writes an empty list; a bad note stops the stage in one line', async () => {
    const ws = await workspace();
    expect(await runInsights({ ...ws, month: '2025-04' }, { content: ws.content })).toEqual([]);
    await mkdir(join(ws.content, '2025-05'));
    const bad = join(ws.content, '2025-05', 'bad.md');
    await writeFile(bad, '---\ntitle: x\ndate: 2025-05-01\naudience: [NWE, someone]\n---\nbody\n');
    await expect(runInsights({ ...ws, month: '2025-05' }, { content: ws.content })).rejects.toThrow(
      `bad front matter field audience.1: a party id (2–12 of A–Z, 0–9) (${bad})`,
    );
  });
});
