// Build-time stand-in for Plot's tip mark (astro.config.mjs resolve.alias): the charts' tooltips are the report's own
// (chartTips.ts, from each mark's title), so Plot's tip code would ship unused.
import { stubs } from './unavailable.ts';
const unavailable = stubs('Plot tips are stubbed');
export class Tip {
  constructor() {
    unavailable('Tip')();
  }
}
export const tip = unavailable('tip');
