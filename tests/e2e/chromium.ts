export { findChromium, CHROMIUM_ARGS } from '../../src/lib/chromium.ts';
