import { useContext, useEffect, useId, useState } from 'react';
import { SectionLabel } from './Chart.tsx';
import * as z from 'zod/mini';
import type { UnlockedReport } from './unlock.ts';

const notesSchema = z.object({
  notes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      date: z.string(),
      // rendered from Markdown and sanitised at build time (no raw HTML, scripts or unsafe links)
      html: z.string(),
      businessProcess: z.optional(z.string()),
      reportItem: z.optional(z.string()),
    }),
  ),
});
type Note = z.infer<typeof notesSchema>['notes'][number];

// One decryption per report: the notes show on the overview and on process pages, and in print under every role.
const opened = new WeakMap<UnlockedReport, Promise<Note[]>>();
function openNotes(report: UnlockedReport, file: string): Promise<Note[]> {
  let pending = opened.get(report);
  if (!pending) {
    pending = report.loadDownload(file).then((bytes) => notesSchema.parse(JSON.parse(new TextDecoder().decode(bytes))).notes);
    opened.set(report, pending);
    pending.catch(() => opened.delete(report));
  }
  return pending;
}

/**
 * The DCC's notes for this party (its roles or its id), sealed with its data; nothing when there are none. On a
 * business process page, only the notes about that process.
 */
export function Insights({ report, process }: { report: UnlockedReport; process?: { name: string; itemIds: readonly string[] } }) {
  const entry = report.manifest.insights;
  const [notes, setNotes] = useState<Note[] | 'failed' | undefined>();
  const headingId = useId();
  // Named with its section's heading, like the charts: in print it repeats per role and process.
  const section = useContext(SectionLabel);
  useEffect(() => {
    if (!entry) return;
    openNotes(report, entry.file).then(setNotes, () => setNotes('failed'));
  }, [report, entry]);
  const shown =
    Array.isArray(notes) && process !== undefined
      ? notes.filter((n) => n.businessProcess === process.name || process.itemIds.includes(n.reportItem ?? ''))
      : notes;
  if (!entry || (Array.isArray(shown) && shown.length === 0)) return null;
  if (notes === 'failed') return <p className="notice error">The DCC&rsquo;s notes for you could not be opened.</p>;
  return (
    <section
      className="chart insights"
      aria-labelledby={section ? `${section} ${headingId}` : headingId}
      data-pending={notes ? undefined : 'true'}
    >
      <h3 id={headingId}>{process ? `From the DCC on ${process.name}` : 'From the DCC'}</h3>
      {(Array.isArray(shown) ? shown : []).map((n) => (
        <article key={n.id} data-insight={n.id}>
          <h4>{n.title}</h4>
          <p className="muted">
            {n.date}
            {n.businessProcess ? ` · ${n.businessProcess}` : ''}
          </p>
          <div dangerouslySetInnerHTML={{ __html: n.html }} />
        </article>
      ))}
    </section>
  );
}
