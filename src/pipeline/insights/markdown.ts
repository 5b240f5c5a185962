import { defineMdastPlugin, markdownToHtml } from 'satteri';
import { CarsError } from '../../lib/errors.ts';

/** Links may go to the site itself, https pages and mail; anything else (javascript:, data:, http:) loses its link. */
export const isSafeLink = (url: string): boolean => /^(https:\/\/|mailto:|\/(?!\/)|#)/i.test(url.trim());

/**
 * No raw HTML (dropped, so no script or handler can come through), no images (a note loads nothing),
 * links only where `isSafeLink` allows: an unsafe link keeps its text.
 */
const sanitise = defineMdastPlugin({
  name: 'cars-insight-sanitise',
  html(node, ctx) {
    ctx.removeNode(node);
  },
  image(node, ctx) {
    ctx.replaceNode(node, { type: 'text', value: node.alt ?? '' });
  },
  imageReference(node, ctx) {
    ctx.replaceNode(node, { type: 'text', value: node.alt ?? '' });
  },
  link(node, ctx) {
    if (!isSafeLink(node.url)) ctx.replaceNode(node, [...node.children]);
  },
  definition(node, ctx) {
    if (!isSafeLink(node.url)) ctx.removeNode(node);
  },
});

/** What must never be in a rendered note, checked again on the output whatever the renderer did. */
const UNSAFE_OUTPUT =
  /<\s*(script|style|iframe|object|embed|img|svg|math|form|input|link|meta|base)\b|<[^>]*\son[a-z]+\s*=|<[^>]*\s(href|src)\s*=\s*"(?!https:\/\/|mailto:|\/(?!\/)|#)/i;

/** Markdown to HTML at build time, sanitised. */
export function renderNoteMarkdown(markdown: string, file: string): string {
  const { html } = markdownToHtml(markdown, { mdastPlugins: [sanitise] });
  const unsafe = UNSAFE_OUTPUT.exec(html);
  if (unsafe) throw new CarsError('note renders to unsafe HTML', unsafe[0], file);
  return html.trim();
}
