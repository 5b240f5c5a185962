// Build-time stand-in for d3-scale-chromatic (astro.config.mjs resolve.alias): every chart sets its own colour range (a colour-blind-safe palette), so no scheme is used; the default categorical schemes are kept.
// Every name of the package is exported so d3's re-exports resolve; using one throws.
const unavailable = (name: string) => (): never => {
  throw new Error(`${name} is not part of this site's chart build (d3-scale-chromatic is stubbed)`);
};
/** An unavailable scheme: Plot only builds lookup tables of them at load; reading one throws. */
const unavailableScheme = (name: string): string[] =>
  new Proxy([], {
    get: (target, key) => (key === Symbol.iterator || key === 'length' ? unavailable(name)() : Reflect.get(target, key)),
  });
export const interpolateBlues = unavailable('interpolateBlues');
export const interpolateBrBG = unavailable('interpolateBrBG');
export const interpolateBuGn = unavailable('interpolateBuGn');
export const interpolateBuPu = unavailable('interpolateBuPu');
export const interpolateCividis = unavailable('interpolateCividis');
export const interpolateCool = unavailable('interpolateCool');
export const interpolateCubehelixDefault = unavailable('interpolateCubehelixDefault');
export const interpolateGnBu = unavailable('interpolateGnBu');
export const interpolateGreens = unavailable('interpolateGreens');
export const interpolateGreys = unavailable('interpolateGreys');
export const interpolateInferno = unavailable('interpolateInferno');
export const interpolateMagma = unavailable('interpolateMagma');
export const interpolateOrRd = unavailable('interpolateOrRd');
export const interpolateOranges = unavailable('interpolateOranges');
export const interpolatePRGn = unavailable('interpolatePRGn');
export const interpolatePiYG = unavailable('interpolatePiYG');
export const interpolatePlasma = unavailable('interpolatePlasma');
export const interpolatePuBu = unavailable('interpolatePuBu');
export const interpolatePuBuGn = unavailable('interpolatePuBuGn');
export const interpolatePuOr = unavailable('interpolatePuOr');
export const interpolatePuRd = unavailable('interpolatePuRd');
export const interpolatePurples = unavailable('interpolatePurples');
export const interpolateRainbow = unavailable('interpolateRainbow');
export const interpolateRdBu = unavailable('interpolateRdBu');
export const interpolateRdGy = unavailable('interpolateRdGy');
export const interpolateRdPu = unavailable('interpolateRdPu');
export const interpolateRdYlBu = unavailable('interpolateRdYlBu');
export const interpolateRdYlGn = unavailable('interpolateRdYlGn');
export const interpolateReds = unavailable('interpolateReds');
export const interpolateSinebow = unavailable('interpolateSinebow');
export const interpolateSpectral = unavailable('interpolateSpectral');
export const interpolateTurbo = unavailable('interpolateTurbo');
export const interpolateViridis = unavailable('interpolateViridis');
export const interpolateWarm = unavailable('interpolateWarm');
export const interpolateYlGn = unavailable('interpolateYlGn');
export const interpolateYlGnBu = unavailable('interpolateYlGnBu');
export const interpolateYlOrBr = unavailable('interpolateYlOrBr');
export const interpolateYlOrRd = unavailable('interpolateYlOrRd');
export const schemeAccent = unavailableScheme('schemeAccent');
export const schemeBlues = unavailableScheme('schemeBlues');
export const schemeBrBG = unavailableScheme('schemeBrBG');
export const schemeBuGn = unavailableScheme('schemeBuGn');
export const schemeBuPu = unavailableScheme('schemeBuPu');
export const schemeCategory10 = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
export const schemeDark2 = unavailableScheme('schemeDark2');
export const schemeGnBu = unavailableScheme('schemeGnBu');
export const schemeGreens = unavailableScheme('schemeGreens');
export const schemeGreys = unavailableScheme('schemeGreys');
export const schemeObservable10 = [
  '#4269d0',
  '#efb118',
  '#ff725c',
  '#6cc5b0',
  '#3ca951',
  '#ff8ab7',
  '#a463f2',
  '#97bbf5',
  '#9c6b4e',
  '#9498a0',
];
export const schemeOrRd = unavailableScheme('schemeOrRd');
export const schemeOranges = unavailableScheme('schemeOranges');
export const schemePRGn = unavailableScheme('schemePRGn');
export const schemePaired = unavailableScheme('schemePaired');
export const schemePastel1 = unavailableScheme('schemePastel1');
export const schemePastel2 = unavailableScheme('schemePastel2');
export const schemePiYG = unavailableScheme('schemePiYG');
export const schemePuBu = unavailableScheme('schemePuBu');
export const schemePuBuGn = unavailableScheme('schemePuBuGn');
export const schemePuOr = unavailableScheme('schemePuOr');
export const schemePuRd = unavailableScheme('schemePuRd');
export const schemePurples = unavailableScheme('schemePurples');
export const schemeRdBu = unavailableScheme('schemeRdBu');
export const schemeRdGy = unavailableScheme('schemeRdGy');
export const schemeRdPu = unavailableScheme('schemeRdPu');
export const schemeRdYlBu = unavailableScheme('schemeRdYlBu');
export const schemeRdYlGn = unavailableScheme('schemeRdYlGn');
export const schemeReds = unavailableScheme('schemeReds');
export const schemeSet1 = unavailableScheme('schemeSet1');
export const schemeSet2 = unavailableScheme('schemeSet2');
export const schemeSet3 = unavailableScheme('schemeSet3');
export const schemeSpectral = unavailableScheme('schemeSpectral');
export const schemeTableau10 = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
];
export const schemeYlGn = unavailableScheme('schemeYlGn');
export const schemeYlGnBu = unavailableScheme('schemeYlGnBu');
export const schemeYlOrBr = unavailableScheme('schemeYlOrBr');
export const schemeYlOrRd = unavailableScheme('schemeYlOrRd');
