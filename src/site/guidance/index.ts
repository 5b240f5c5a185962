import type { MonthFacts } from '../../shared/monthFacts.ts';
import { REPORT_ITEMS } from '../../shared/reportItems.ts';
import type { GuidancePage } from './model.ts';
import { disclosureRules } from './disclosureRules.ts';
import { buildInputRejectsSection, withSection } from './inputRejects.ts';
import { backgroundAndScope, changeProcess, dataDictionary, overviewOfReporting } from './pages.ts';
import { buildReportContents } from './reportContents.ts';

/** The full guidance document, in reading order; the month's facts add what this month's input lost. */
export const readGuidance = (facts?: MonthFacts): GuidancePage[] => [
  backgroundAndScope,
  withSection(overviewOfReporting, buildInputRejectsSection(facts)),
  changeProcess,
  buildReportContents(REPORT_ITEMS),
  disclosureRules,
  dataDictionary,
];
