/** The guidance document as data: rendered by the guidance template and indexed for search from the same source. */
export type GuidanceBlock =
  { kind: 'p'; text: string } | { kind: 'list'; items: string[] } | { kind: 'table'; caption: string; columns: string[]; rows: string[][] };

export interface GuidanceSection {
  id: string;
  heading: string;
  blocks: GuidanceBlock[];
}

export interface GuidancePage {
  slug: string;
  title: string;
  summary: string;
  sections: GuidanceSection[];
}

export const p = (text: string): GuidanceBlock => ({ kind: 'p', text });
export const list = (...items: string[]): GuidanceBlock => ({ kind: 'list', items });

/** Plain text of a page, for the search index. */
export function toPlainText(page: GuidancePage): string {
  const parts = [page.title, page.summary];
  for (const section of page.sections) {
    parts.push(section.heading);
    for (const block of section.blocks) {
      if (block.kind === 'p') parts.push(block.text);
      else if (block.kind === 'list') parts.push(...block.items);
      else parts.push(block.caption, ...block.columns, ...block.rows.flat());
    }
  }
  return parts.join('\n');
}
