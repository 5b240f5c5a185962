// Build-time stand-in for Plot's curve table (astro.config.mjs resolve.alias): the charts draw straight segments only,
// and the full table pulls every d3 curve (about 3 KB gzip) into the report.
import { curveLinear, type CurveFactory } from 'd3-shape';

export function maybeCurve(curve: CurveFactory | string = curveLinear): CurveFactory {
  if (typeof curve === 'function') return curve;
  if (curve.toLowerCase() === 'linear') return curveLinear;
  throw new Error(`curve ${curve} is not part of this site's chart build (only linear)`);
}

export const curveAuto: CurveFactory = (context) => curveLinear(context);

export const maybeCurveAuto = (curve: CurveFactory | string = curveAuto): CurveFactory =>
  typeof curve !== 'function' && curve.toLowerCase() === 'auto' ? curveAuto : maybeCurve(curve);
