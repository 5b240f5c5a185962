import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** Party slugs that got a shell, and slugs the seal manifest lists: they must be the same set. */
export function toSlugMismatch(shellSlugs: readonly string[], sealedSlugs: readonly string[]): { missing: string[]; extra: string[] } {
  const shells = new Set(shellSlugs);
  const sealed = new Set(sealedSlugs);
  return { missing: [...sealed].filter((s) => !shells.has(s)).sort(), extra: [...shells].filter((s) => !sealed.has(s)).sort() };
}

/** Inline `<script>` elements (without src) in an HTML page; a strict CSP would block them. */
export const findInlineScripts = (html: string): string[] =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc\s*=/.test(m[1] ?? '') && (m[2] ?? '').trim() !== '')
    .map((m) => (m[2] ?? '').slice(0, 80));

/** Published-output problems: inline scripts, source maps, references to other origins in scripts or pages. */
export async function findOutputProblems(dir: string, files: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    if (file.endsWith('.map')) problems.push(`source map published: ${file}`);
    if (file.endsWith('.js') && /sourceMappingURL=/.test(await readFile(join(dir, file), 'utf8')))
      problems.push(`source map reference: ${file}`);
    if (file.endsWith('.html')) {
      const html = await readFile(join(dir, file), 'utf8');
      if (findInlineScripts(html).length > 0) problems.push(`inline script: ${file}`);
      const external = html.match(/(?:src|href)=["']?(?:https?:)?\/\/[^"' >]+/gi);
      if (external) problems.push(`third-party reference in ${file}: ${external[0]}`);
    }
  }
  return problems;
}
