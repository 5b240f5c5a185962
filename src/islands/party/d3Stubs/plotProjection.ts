// Build-time stand-in for Plot's projection module (astro.config.mjs resolve.alias): the charts set no
// `projection` option and draw no geo marks, so only the "no projection" answers are kept.
import { stubs } from './unavailable.ts';
const unavailable = stubs('Plot projections are stubbed');
const refuse = (projection: unknown): void => {
  if (projection != null) unavailable('projection')();
};
export function createProjection(options: { projection?: unknown } = {}): undefined {
  refuse(options.projection);
  return undefined;
}
export function hasProjection(options: { projection?: unknown } = {}): boolean {
  refuse(options.projection);
  return false;
}
export function projectionAspectRatio(projection: unknown): undefined {
  refuse(projection);
  return undefined;
}
export const project = unavailable('project');
export const applyPosition = unavailable('applyPosition');
export const getGeometryChannels = unavailable('getGeometryChannels');
export const xyProjection = unavailable('xyProjection');
