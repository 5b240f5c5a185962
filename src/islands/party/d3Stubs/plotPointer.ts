// Build-time stand-in for Plot's pointer interaction (astro.config.mjs resolve.alias): only tips and crosshairs use it.
import { stubs } from './unavailable.ts';
const unavailable = stubs('Plot pointer interactions are stubbed');
export const pointer = unavailable('pointer');
export const pointerX = unavailable('pointerX');
export const pointerY = unavailable('pointerY');
export const anchorX = unavailable('anchorX');
export const anchorY = unavailable('anchorY');
