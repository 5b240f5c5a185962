// Build-time stand-in for d3-delaunay (astro.config.mjs resolve.alias): the report draws no Voronoi or Delaunay marks.
// Every name of the package is exported so d3's re-exports resolve; using one throws.
import { stubs } from './unavailable.ts';
const unavailable = stubs('d3-delaunay is stubbed');
export class Delaunay {
  static from(): never {
    return unavailable('Delaunay')();
  }
}
export class Voronoi {
  constructor() {
    unavailable('Voronoi')();
  }
}
