import { REPORT_ROLES, ROLE_LABELS } from '../../shared/roles.ts';
import { list, p, type GuidancePage } from './model.ts';

export const backgroundAndScope: GuidancePage = {
  slug: 'background-and-scope',
  title: 'Background & Scope',
  summary: 'Why the DCC sends each DCC User a monthly performance report and what the reports cover.',
  sections: [
    {
      id: 'why',
      heading: 'Why these reports exist',
      blocks: [
        p(
          'The DCC already publishes network-wide performance figures. They tell the industry how the smart metering network is doing, ' +
            'but they do not tell an individual energy supplier or network operator how its own requests fare, or how it compares with ' +
            'organisations doing the same job.',
        ),
        p(
          'Customer Analytics Reporting fills that gap. Each month every DCC User receives a report on its own traffic, set against ' +
            'anonymised figures for other Users in the same role, so that it can see where it falls behind and look for the cause: ' +
            'a device model, a firmware version, a region, or the order in which it sends requests.',
        ),
      ],
    },
    {
      id: 'who',
      heading: 'Who receives a report',
      blocks: [
        p('Every DCC User receives one report per month, covering each User Role it holds:'),
        list(...REPORT_ROLES.map((role) => ROLE_LABELS[role])),
        p(
          'Receiving the report is part of the service; acting on it is up to each User. Reports are private to the User they are ' +
            'about. This guidance is public so that anyone can see what is measured and how.',
        ),
      ],
    },
    {
      id: 'scope',
      heading: 'What is in scope',
      blocks: [
        list(
          'Inventory: the smart metering devices registered to you at the end of the month, by device type, model and firmware.',
          'Business processes: success, failure and round-trip time of the service requests behind key processes such as installation, change of supplier, prepayment and meter reading.',
          'Alerts: delivery success and delivery time of the alerts sent to you, with extra breakdowns for Electricity Distributors.',
        ),
        p(
          'Each month is reported on its own, using the calendar month in UK local time. Where a measure needs earlier data, such as ' +
            'predicted install volumes, up to two previous months are read as history.',
        ),
      ],
    },
  ],
};

export const overviewOfReporting: GuidancePage = {
  slug: 'overview-of-reporting',
  title: 'Overview of Reporting',
  summary: 'How a report is delivered, how to open it and what each part shows.',
  sections: [
    {
      id: 'delivery',
      heading: 'How you receive your report',
      blocks: [
        p(
          'Each User has a private report site for every month. The DCC gives each named person at your organisation a personal ' +
            'access link. Opening the link, or pasting your access token on the sign-in page, unlocks the report in your browser. ' +
            'The data is encrypted; it is only readable with a valid token, and nothing about your organisation appears until it has been unlocked.',
        ),
        p('Tokens can be withdrawn by the DCC at any time, for the current month and for earlier months.'),
      ],
    },
    {
      id: 'pages',
      heading: 'What the report contains',
      blocks: [
        list(
          'Overview: headline success rates per business process for you and for the industry, your league positions, and the serious incidents of the month.',
          'Inventory: your devices by type, model and firmware, with your firmware mix compared to the industry.',
          'One page per business process: monthly and daily success and failure, round-trip times, and failures by response code.',
          'Alerts: daily and monthly delivery figures per alert code; Electricity Distributors also see outage and security credential checks.',
          'League tables: the success rate of every qualifying User in your role, ranked, with only your own row marked.',
          'Explore: choose a measure, report items, dates and a breakdown to build your own chart and table.',
          'Downloads: the data behind every chart as CSV files.',
        ),
      ],
    },
    {
      id: 'measures',
      heading: 'How the main measures are defined',
      blocks: [
        list(
          'Round-trip time (RTT): the time from a request being sent to its response arriving. Requests that never received a response have no RTT.',
          'Success rate: successful responses divided by all requests. A request with no response counts as a failure.',
          'Median: the exact middle value. In Explore, where you can filter freely, quantiles are estimated from time bands and are labelled approximate.',
          'Industry: all Users in the same role for the month, including you, added together. Peers: the other Users in that role.',
          'Day: a calendar day in UK local time, so days follow British Summer Time.',
        ),
        p('Rates are never averaged across groups: they are recomputed from the underlying counts.'),
      ],
    },
    {
      id: 'charts',
      heading: 'Charts, tables and downloads',
      blocks: [
        p(
          'Every chart comes with a data table holding the same numbers and a button to download them as a CSV file. The report ' +
            'can be used with a keyboard alone and printed; colours are chosen to stay distinguishable for common forms of colour blindness.',
        ),
      ],
    },
  ],
};

export const changeProcess: GuidancePage = {
  slug: 'change-process',
  title: 'Change Process',
  summary: 'How the content of the reports is changed, and how you can ask for a change.',
  sections: [
    {
      id: 'requests',
      heading: 'Asking for a change',
      blocks: [
        p(
          'Any DCC User may ask for a new measure, a change to an existing one, or the removal of a measure that is no longer useful. ' +
            'Send the request to the DCC describing what you would like to see, why, and which roles it concerns.',
        ),
      ],
    },
    {
      id: 'assessment',
      heading: 'How requests are assessed',
      blocks: [
        list(
          'The DCC checks that the data needed exists and that the measure can be published without revealing another User.',
          'It estimates the effort and any cost, and whether the change fits the regular release cycle.',
          'Users in the affected roles are consulted before a change is agreed.',
        ),
      ],
    },
    {
      id: 'release',
      heading: 'When changes take effect',
      blocks: [
        p(
          'Agreed changes start with a named reporting month. This guidance is updated in the same release, so the Reporting Contents ' +
            'page always matches what the reports compute. Reports for earlier months are archived as they were issued and are not rewritten.',
        ),
      ],
    },
  ],
};

export const dataDictionary: GuidancePage = {
  slug: 'data-dictionary',
  title: 'Data dictionary',
  summary: 'The meaning of the fields and values used in charts, tables and CSV downloads.',
  sections: [
    {
      id: 'terms',
      heading: 'Terms',
      blocks: [
        {
          kind: 'table',
          caption: 'Terms used throughout the report',
          columns: ['Term', 'Meaning'],
          rows: [
            [
              'DCC User',
              'An organisation that sends service requests to the DCC, such as an energy supplier or a network operator. The report calls the User reading it \u201cyou\u201d.',
            ],
            ['Role', 'The capacity a User acts in: IS Import Supplier, ES Export Supplier, GS Gas Supplier, ED Electricity Distributor.'],
            ['Month', 'The reporting month, written YYYY-MM, in UK local time.'],
            ['Report item', 'One measured line of the business process reports, usually one SRV in one business process.'],
            ['SRV', 'Service Reference Variant: the kind of service request, such as 4.1.1 Read Instantaneous Import Registers.'],
            ['RTT', 'Round-trip time from request sent to response received, in seconds.'],
            ['Response code', 'The code the DCC returned: I0 success, I99 acknowledgement, E codes for errors.'],
            ['Alert delivery time', 'Time from an alert being raised to it being delivered to you.'],
            [
              'Incident',
              'A DCC service incident. Categories run from 1 (most severe) to 5; Categories 1 and 2 are marked on daily charts.',
            ],
          ],
        },
      ],
    },
    {
      id: 'fields',
      heading: 'Fields in downloads',
      blocks: [
        {
          kind: 'table',
          caption: 'Columns you will meet in CSV downloads',
          columns: ['Field', 'Meaning'],
          rows: [
            ['month', 'Reporting month, YYYY-MM.'],
            ['day', 'Calendar date, YYYY-MM-DD, UK local time.'],
            ['role', 'IS, ES, GS or ED.'],
            ['item_id', 'Report item identifier, as listed under Reporting Contents.'],
            ['requests', 'Number of requests sent.'],
            ['successes / failures', 'Requests that succeeded / failed (no response counts as failure).'],
            ['success_rate', 'successes divided by requests, between 0 and 1.'],
            [
              'rtt_min_s, rtt_max_s, rtt_mean_s, rtt_median_s',
              'Best, worst, mean and exact median round-trip time in seconds. Industry figures have a mean and median only.',
            ],
            ['scope', 'own for your figures, industry for all Users in the role, peers for the others.'],
            [
              'device_type',
              'ESME electricity meter, GSME gas meter, CHF communications hub, GPF gas proxy, PPMID prepayment display, HCALCS load controller, IHD in-home display, CAD consumer access device.',
            ],
            ['smets', 'SMETS1 or SMETS2 equipment generation.'],
            ['region', 'Communications service provider region: North, Central or South.'],
            ['meter_type', 'Credit or Prepayment.'],
            ['manufacturer, model, firmware', 'Device make, model and firmware version.'],
            [
              'rank',
              'Position in a league table, 1 being the highest success rate. Users with the same success rate share a rank (a chart labels it "=3") and the next rank skips: 1, 2, 3, 3, 5.',
            ],
          ],
        },
        p(
          'Text cells that begin with =, +, - or @, a tab or a carriage return are prefixed with an apostrophe in CSV downloads so ' +
            'spreadsheet programs do not treat them as formulas. Numbers are written as plain numbers.',
        ),
      ],
    },
  ],
};
