// Build-time stand-in for Plot's pointer interaction (astro.config.mjs resolve.alias): only tips and crosshairs use it.
const unavailable = (name: string) => (): never => {
  throw new Error(`${name} is not part of this site's chart build (Plot pointer interactions are stubbed)`);
};
export const pointer = unavailable('pointer');
export const pointerX = unavailable('pointerX');
export const pointerY = unavailable('pointerY');
export const anchorX = unavailable('anchorX');
export const anchorY = unavailable('anchorY');
