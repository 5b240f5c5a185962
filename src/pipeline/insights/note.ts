import { z } from 'zod';
import { CarsError } from '../../lib/errors.ts';
import { BUSINESS_PROCESSES, REPORT_ITEMS } from '../../shared/reportItems.ts';
import { REPORT_ROLES } from '../../shared/roles.ts';
import { renderNoteMarkdown } from './markdown.ts';

const partyId = z.string().regex(/^[A-Z0-9]{2,12}$/, 'a party id (2–12 of A–Z, 0–9)');

/** Front matter of a note: who may read it, and what it relates to. */
export const noteFrontMatterSchema = z.strictObject({
  title: z.string().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  audience: z.union([z.literal('public'), z.enum(REPORT_ROLES), z.array(partyId).min(1)]),
  reportItem: z
    .string()
    .refine((id) => REPORT_ITEMS.some((i) => i.id === id), 'a report item id of the registry')
    .optional(),
  businessProcess: z
    .string()
    .refine((bp) => BUSINESS_PROCESSES.includes(bp), 'a business process of the report')
    .optional(),
});

export const insightNoteSchema = noteFrontMatterSchema.extend({
  /** File name without `.md`: the note's id within its month. */
  id: z.string(),
  html: z.string(),
});
export type InsightNote = z.infer<typeof insightNoteSchema>;

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/**
 * Front matter in a small, strict subset of YAML: one `key: value` per line; a value is plain text,
 * a quoted string, or a list `[A, B]`. Anything else is an error, not a guess.
 */
export function parseFrontMatterLines(text: string, file: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z][A-Za-z0-9]*):\s*(.*?)\s*$/.exec(line);
    if (!m) throw new CarsError('front matter line is not `key: value`', line, `${file}:${index + 2}`);
    const [, key, raw] = m as unknown as [string, string, string];
    if (key in fields) throw new CarsError('front matter field given twice', key, file);
    const list = /^\[(.*)\]$/.exec(raw);
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    fields[key] = list
      ? (list[1] as string)
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : quoted
        ? quoted[2]
        : raw;
  }
  return fields;
}

/** One note file: front matter validated (a bad field is one line naming the file and field), Markdown rendered and sanitised. */
export function parseNoteFile(file: string, text: string): InsightNote {
  const fence = FENCE.exec(text);
  if (!fence) throw new CarsError('note has no front matter between --- lines', file, 'content/insights');
  const parsed = noteFrontMatterSchema.safeParse(parseFrontMatterLines(fence[1] as string, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'front matter');
    throw new CarsError(`bad front matter field ${field}`, issue?.message ?? 'invalid', file);
  }
  const id = (file.split(/[\\/]/).at(-1) as string).replace(/\.md$/, '');
  return insightNoteSchema.parse({ ...parsed.data, id, html: renderNoteMarkdown(text.slice(fence[0].length), file) });
}
