import type { MonthFacts } from '../../shared/monthFacts.ts';
import { list, p, type GuidancePage, type GuidanceSection } from './model.ts';

const NOUNS: Record<string, string> = {
  parties: 'DCC User records',
  registrations: 'registrations',
  devices: 'device records',
  service_requests: 'service requests',
  alerts: 'alerts',
  incidents: 'incident records',
};

/** `0.08%`, `50%`; a share that rounds to nothing still shows as present. */
export function toPercentText(rate: number): string {
  const percent = rate * 100;
  if (percent > 0 && percent < 0.01) return 'less than 0.01%';
  return `${percent.toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
}

/** The month's rejected input rows, one sentence per file that had any; nothing when none had. */
export function buildInputRejectsSection(facts: MonthFacts | undefined): GuidanceSection | undefined {
  const rejected = (facts?.inputRejects ?? []).filter((f) => f.rowsRejected > 0);
  if (rejected.length === 0) return undefined;
  return {
    id: 'input-data',
    heading: 'Input data this month',
    blocks: [
      p("Rows of this month's input data that failed validation are left out of every figure in the reports."),
      list(...rejected.map((f) => `${toPercentText(f.rejectRate)} of ${NOUNS[f.file] ?? f.file.replaceAll('_', ' ')} were rejected.`)),
    ],
  };
}

/** The page with the section appended, when there is one. */
export const withSection = (page: GuidancePage, section: GuidanceSection | undefined): GuidancePage =>
  section ? { ...page, sections: [...page.sections, section] } : page;
