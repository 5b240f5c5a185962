// Build-time only (astro.config.mjs): modulepreload links in each party shell, so the browser fetches the whole
// first-view module graph at once instead of discovering it one import level at a time.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** What the preload list needs of one client chunk of the bundle. */
export interface ChunkInfo {
  fileName: string;
  imports: readonly string[];
  moduleIds: readonly string[];
}

/** The shell's script and the UI module it imports first; their static import graphs are preloaded. */
export const SHELL_MODULES = ['/src/islands/party/openEarly.ts', '/src/islands/party/mount.tsx'];

/** Files to preload, script first: the static import graph of every chunk holding one of `modules`, in that order. */
export function toShellPreloads(chunks: readonly ChunkInfo[], modules: readonly string[]): string[] {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const files: string[] = [];
  const visit = (chunk: ChunkInfo): void => {
    if (files.includes(chunk.fileName)) return;
    files.push(chunk.fileName);
    for (const file of chunk.imports) {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    }
  };
  for (const module of modules) {
    const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(module)));
    if (!chunk) throw new Error(`no client chunk holds ${module}`);
    visit(chunk);
  }
  return files;
}

/** The page with one `<link rel=modulepreload>` per file, last in its head. */
export function addPreloadLinks(html: string, base: string, files: readonly string[]): string {
  if (!html.includes('</head>')) throw new Error('page has no </head>');
  const links = files.map((f) => `<link rel="modulepreload" href="${base}${f}">`).join('');
  return html.replace('</head>', `${links}</head>`);
}

/**
 * Turns off Vite's preload helper, which inserts a `<link rel=modulepreload>` per dependency of every dynamic import on the
 * main thread while a report opens; collects the client bundle's chunks, then writes the preload links into every built
 * party shell (`u/<slug>/index.html`) instead.
 */
export function shellPreload(): AstroIntegration {
  let chunks: ChunkInfo[] = [];
  let base = '/';
  return {
    name: 'cars-shell-preload',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        updateConfig({
          vite: {
            plugins: [
              {
                // Astro sets the client build's option itself, so only an environment hook can override it.
                name: 'cars-no-module-preload',
                configEnvironment: (name) => (name === 'client' ? { build: { modulePreload: false } } : undefined),
              },
              {
                name: 'cars-shell-chunks',
                applyToEnvironment: (environment) => environment.name === 'client',
                generateBundle(_options, bundle) {
                  chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
                },
              },
            ],
          },
        });
      },
      'astro:build:done': async ({ dir }) => {
        const files = toShellPreloads(chunks, SHELL_MODULES);
        const shells = join(fileURLToPath(dir), 'u');
        for (const slug of await readdir(shells)) {
          const page = join(shells, slug, 'index.html');
          await writeFile(page, addPreloadLinks(await readFile(page, 'utf8'), base, files));
        }
      },
    },
  };
}
