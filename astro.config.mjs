// The site build is configured by environment variables set by the site stage (src/pipeline/site):
//   CARS_SITE_MONTH    reporting month YYYY-MM (the site base is /<month>/)
//   CARS_SITE_OUT      output folder of the build
//   CARS_SITE_SLUGS    JSON file: array of party slugs that get a microsite shell
//   CARS_SITE_MONTHS   JSON array of every published month, for the landing page's list
//   CARS_SITE_FACTS    JSON file: the month's facts public pages state (src/shared/monthFacts.ts)
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import { fileURLToPath } from 'node:url';
import { MONTH_PATTERN } from './src/shared/month.ts';
import { shellPreload } from './src/site/shellPreload.ts';

// Plot imports all of d3; the report draws no maps, Voronoi, scheme-coloured scales, transitions, projections, bins, curves
// or colour ramps, and its tooltips are its own (chartTips.ts), not Plot's tip: these modules are replaced by stubs that
// throw if ever called (keeps the signed-in page in budget).
const stub = (name) => fileURLToPath(new URL(`./src/islands/party/d3Stubs/${name}.ts`, import.meta.url));

// Plot's format module, with its Intl objects made when first used (only Plot's own imports of it).
const plotFormat = {
  name: 'plot-lazy-format',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer?.includes('/@observablehq/plot/src/') && /^(?:\.\.?\/)+format\.js$/.test(source))
      return fileURLToPath(new URL('./src/islands/party/plotFormat.ts', import.meta.url));
  },
};

const month = process.env.CARS_SITE_MONTH ?? '2000-01';
if (!MONTH_PATTERN.test(month)) throw new Error(`CARS_SITE_MONTH is not a month YYYY-MM: ${month}`);

export default defineConfig({
  base: `/${month}/`,
  outDir: process.env.CARS_SITE_OUT ?? './work/site-dev',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', assets: '_assets' },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [react(), shellPreload()],
  vite: {
    plugins: [plotFormat],
    resolve: {
      alias: [
        { find: /^d3-geo$/, replacement: stub('geo') },
        { find: /^d3-scale-chromatic$/, replacement: stub('scaleChromatic') },
        { find: /^d3-delaunay$/, replacement: stub('delaunay') },
        { find: /^d3-transition$/, replacement: stub('transition') },
        // Plot's own tip mark and pointer interaction (specifiers inside @observablehq/plot/src).
        { find: /^(?:\.\.?\/)+marks\/tip\.js$/, replacement: stub('plotTip') },
        { find: /^(?:\.\.?\/)+interactions\/pointer\.js$/, replacement: stub('plotPointer') },
        { find: /^(?:\.\.?\/)+curve\.js$/, replacement: stub('plotCurve') },
        { find: /^\.\/legends\/ramp\.js$/, replacement: stub('plotRamp') },
        { find: /^\.\.?\/projection\.js$/, replacement: stub('plotProjection') },
        { find: /^(?:\.\.?\/)+transforms\/bin\.js$/, replacement: stub('plotBin') },
      ],
    },
    // No inline scripts (strict CSP) and no source maps in published output.
    build: { assetsInlineLimit: 0, sourcemap: process.env.CARS_SOURCEMAP === '1' },
    logLevel: 'warn',
  },
});
