import { REPORT_ITEMS } from '../../shared/reportItems.ts';
import type { GuidancePage } from './model.ts';
import { disclosureRules } from './disclosureRules.ts';
import { backgroundAndScope, changeProcess, dataDictionary, overviewOfReporting } from './pages.ts';
import { buildReportContents } from './reportContents.ts';

/** The full guidance document, in reading order. */
export const readGuidance = (): GuidancePage[] => [
  backgroundAndScope,
  overviewOfReporting,
  changeProcess,
  buildReportContents(REPORT_ITEMS),
  disclosureRules,
  dataDictionary,
];
