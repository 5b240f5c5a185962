// Build-time stand-in for d3-transition (astro.config.mjs resolve.alias): it declares side effects (it patches
// d3-selection), so it and its timer, easing and dispatch modules would ship although the charts never animate.
import { stubs } from './unavailable.ts';
const unavailable = stubs('d3-transition is stubbed');
export const transition = unavailable('transition');
export const active = unavailable('active');
export const interrupt = unavailable('interrupt');
