// Build-time stand-in for Plot's continuous colour legend (astro.config.mjs resolve.alias): every chart's colour scale
// is ordinal (you, industry, peers), so only swatch legends are drawn.
import { stubs } from './unavailable.ts';
export const legendRamp = stubs('Plot ramp legends are stubbed')('legendRamp');
