// Build-time stand-in for Plot's bin transform (astro.config.mjs resolve.alias): the charts never bin and set no
// `interval` on lines or areas, so line and area keep their options unchanged, as Plot does without an interval.
import { stubs } from './unavailable.ts';
const unavailable = stubs('Plot binning is stubbed');
const keep = <T extends { interval?: unknown }>(options: T = {} as T): T => {
  if (options?.interval != null) unavailable('interval')();
  return options;
};
export const maybeDenseIntervalX = keep;
export const maybeDenseIntervalY = keep;
export const bin = unavailable('bin');
export const binX = unavailable('binX');
export const binY = unavailable('binY');
export const maybeThresholds = unavailable('maybeThresholds');
