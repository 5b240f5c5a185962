import type { ReportItem } from '../../shared/reportItems.ts';
import { ROLE_LABELS } from '../../shared/roles.ts';
import { list, p, type GuidancePage, type GuidanceSection } from './model.ts';

const contextWords: Record<string, string> = {
  install: 'during the install visit only',
  cos_gain: 'after a change of supplier gain only',
  bau: 'outside install visits and supplier changes',
  not_install: 'outside install visits',
};

export const toSectionId = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Build the Reporting Contents page from the report item registry, so the document cannot drift from the data. */
export function buildReportContents(items: readonly ReportItem[]): GuidancePage {
  const processes = [...new Set(items.map((r) => r.businessProcess))];
  const srvItems = items.filter((r) => r.kind === 'srv');
  const derived = items.filter((r) => r.kind === 'derived');

  const sections: GuidanceSection[] = [
    {
      id: 'summary',
      heading: 'At a glance',
      blocks: [
        p(
          `The business process reports cover ${items.length} report items in ${processes.length} business processes: ` +
            `${srvItems.length} items measure a service request (SRV) and ${derived.length} are derived from several requests.`,
        ),
        p(
          'For each SRV item your report shows the monthly success and failure counts against anonymised peers in the same role, ' +
            'round-trip times (your best, worst, mean and median; the industry mean and median), a daily breakdown by meter type, region and SMETS version ' +
            'with Category 1 and 2 incidents marked, and every failure by response code with the attributes that help find a cause.',
        ),
        list(...processes.map((name) => `${name}: ${items.filter((r) => r.businessProcess === name).length} items`)),
      ],
    },
  ];

  for (const name of processes) {
    const rows = items
      .filter((r) => r.businessProcess === name)
      .map((r) => [
        r.id,
        r.kind === 'derived' ? `derived from ${r.srvs.join(', ')}` : r.srvs.join(', '),
        r.description + (r.variant ? ` (${r.variant})` : ''),
        r.kind === 'derived' ? 'see the definitions below' : r.context ? (contextWords[r.context] ?? r.context) : 'all requests',
        r.roles.map((role) => ROLE_LABELS[role]).join(', '),
      ]);
    sections.push({
      id: toSectionId(name),
      heading: name,
      blocks: [
        {
          kind: 'table',
          caption: `Report items of ${name}`,
          columns: ['Item', 'SRV', 'What is measured', 'Requests counted', 'Reported for'],
          rows,
        },
      ],
    });
  }

  sections.push({
    id: 'derived-items',
    heading: 'How the derived items are computed',
    blocks: [
      list(
        'No meter read within 30 days of 8.14.1: each successful 8.14.1 whose 30-day window ends in the month is checked for any successful read request (4.x) reaching a meter at the same premise within those 30 days.',
        'Installs against prediction: the daily count of your successful 8.14.1 and 8.14.2 is compared with the average of the same weekday over the previous eight weeks, with a band of two standard deviations either side. With less than three weeks of history the chart says so instead.',
        '8.14.1 against 8.14.2: daily counts of install-and-commission and install-and-leave.',
        'Change of Supplier gain: for each successful 6.23 you sent, whether a successful read happened at the premise in the 30 days before, and whether the losing supplier sent 8.14.1 or 8.14.2 for it beforehand.',
      ),
    ],
  });

  return {
    slug: 'reporting-contents',
    title: 'Reporting Contents',
    summary: 'Every report item, grouped by business process, generated from the report item registry used to compute the reports.',
    sections,
  };
}
