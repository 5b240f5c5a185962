// Build-time stand-in for Plot's tip mark (astro.config.mjs resolve.alias): the charts declare no `tip`, and the
// data table under each chart carries the values, so the tip code would ship unused.
import { stubs } from './unavailable.ts';
const unavailable = stubs('Plot tips are stubbed');
export class Tip {
  constructor() {
    unavailable('Tip')();
  }
}
export const tip = unavailable('tip');
