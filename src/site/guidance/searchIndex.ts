import lunr from 'lunr';
import * as z from 'zod/mini';
import { toPlainText, type GuidancePage } from './model.ts';

export const searchDocSchema = z.object({ ref: z.string(), title: z.string(), path: z.string(), excerpt: z.string() });
export const searchIndexSchema = z.object({
  version: z.literal(1),
  docs: z.array(searchDocSchema),
  index: z.record(z.string(), z.unknown()),
});
export type SearchIndexFile = z.infer<typeof searchIndexSchema>;

/** The text of a rendered insight note (its HTML came sanitised from the insights stage). */
const toNoteText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string);

/** One search document per guidance section, so a hit links straight to its heading; public insight notes link to the landing page. */
export function buildSearchIndex(
  pages: GuidancePage[],
  notes: readonly { id: string; title: string; html: string }[] = [],
): SearchIndexFile {
  const noteDocs = notes.map((note) => {
    const text = toNoteText(note.html);
    return {
      ref: `insight-${note.id}`,
      title: `Insight — ${note.title}`,
      path: `#insight-${note.id}`,
      excerpt: text.replace(/\s+/g, ' ').trim().slice(0, 180),
      body: text,
    };
  });
  const guidanceDocs = pages.flatMap((page) =>
    page.sections.map((section) => {
      const text = toPlainText({ ...page, title: '', summary: '', sections: [section] });
      return {
        ref: `${page.slug}#${section.id}`,
        title: `${page.title} — ${section.heading}`,
        path: `guidance/${page.slug}/#${section.id}`,
        excerpt: text.replace(/\s+/g, ' ').trim().slice(0, 180),
        body: text,
      };
    }),
  );
  const docs = [...guidanceDocs, ...noteDocs];
  const index = lunr(function () {
    this.ref('ref');
    this.field('title', { boost: 5 });
    this.field('body');
    for (const doc of docs) this.add(doc);
  });
  return { version: 1, docs: docs.map(({ body: _body, ...doc }) => doc), index: index.toJSON() as unknown as Record<string, unknown> };
}
