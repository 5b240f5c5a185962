import { describe, expect, it } from 'vitest';
import { addPreloadLinks, toShellPreloads, type ChunkInfo } from '../../src/site/shellPreload.ts';

// A bundle shaped like the client build: the shell script imports two small chunks and (dynamically) the UI, which
// imports React's chunk and one of the small ones; a lazy view imports the UI back.
const chunks: ChunkInfo[] = [
  { fileName: '_assets/view.js', imports: ['_assets/mount.js'], moduleIds: ['/r/src/islands/party/Explore.tsx'] },
  {
    fileName: '_assets/entry.js',
    imports: ['_assets/schemas.js', '_assets/credential.js'],
    moduleIds: ['/r/src/islands/party/openEarly.ts'],
  },
  { fileName: '_assets/schemas.js', imports: [], moduleIds: ['/r/node_modules/zod/mini.js'] },
  { fileName: '_assets/credential.js', imports: ['_assets/schemas.js'], moduleIds: ['/r/src/site/credential.ts'] },
  { fileName: '_assets/mount.js', imports: ['_assets/client.js', '_assets/credential.js'], moduleIds: ['/r/src/islands/party/mount.tsx'] },
  { fileName: '_assets/client.js', imports: [], moduleIds: ['/r/node_modules/react-dom/client.js'] },
];

describe('toShellPreloads', () => {
  it('lists the script first, then each static import once, and leaves out what only later views load', () => {
    expect(toShellPreloads(chunks, ['/src/islands/party/openEarly.ts', '/src/islands/party/mount.tsx'])).toEqual([
      '_assets/entry.js',
      '_assets/schemas.js',
      '_assets/credential.js',
      '_assets/mount.js',
      '_assets/client.js',
    ]);
  });

  it('fails the build when a module it must preload is in no chunk', () => {
    expect(() => toShellPreloads(chunks, ['/src/islands/party/gone.ts'])).toThrow('no client chunk holds /src/islands/party/gone.ts');
  });
});

describe('addPreloadLinks', () => {
  it('adds one link per file at the end of the head, under the site base', () => {
    const html = '<html><head><title>x</title></head><body></body></html>';
    expect(addPreloadLinks(html, '/2025-10/', ['_assets/a.js', '_assets/b.js'])).toBe(
      '<html><head><title>x</title><link rel="modulepreload" href="/2025-10/_assets/a.js"><link rel="modulepreload" href="/2025-10/_assets/b.js"></head><body></body></html>',
    );
  });

  it('refuses a page without a head', () => {
    expect(() => addPreloadLinks('<p>no head</p>', '/', ['_assets/a.js'])).toThrow('page has no </head>');
  });
});
