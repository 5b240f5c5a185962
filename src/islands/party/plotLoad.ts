import type { PlotBuilder } from './plots.ts';
import type { ChartSpec } from './views.ts';

// Plot and its d3 modules load after the report's first render: the first thing drawn (the standing table's
// sparklines) needs neither, and evaluating them first held it back by about 60 ms (alternating runs at `large`).
/** The chart's builder, once its code has loaded: the overview's dots, or any other mark. */
export const loadPlotBuilder = (spec: ChartSpec): Promise<PlotBuilder> =>
  spec.mark === 'dots' ? import('./plots.ts').then((m) => m.buildDotsPlot) : import('./plotMarks.ts').then((m) => m.buildMarksPlot);
