import { list, p, type GuidancePage } from './model.ts';

export const disclosureRules: GuidancePage = {
  slug: 'disclosure-rules',
  title: 'Disclosure rules',
  summary: 'The rules that keep other Users anonymous in your report.',
  sections: [
    {
      id: 'principle',
      heading: 'The principle',
      blocks: [
        p(
          'Your report compares you with other Users, but it must never let you work out another User\u2019s figures. Because you know ' +
            'your own numbers, a comparison figure could give away a competitor\u2019s figures if very few Users are behind it. The rules below prevent that.',
        ),
      ],
    },
    {
      id: 'rules',
      heading: 'The rules',
      blocks: [
        list(
          'Enough Users: a comparison figure is shown only when at least 4 other Users in the same role contribute to it.',
          'No dominant Users: a comparison figure is withheld when the two largest other contributors together account for more than 85% of its volume.',
          'No names: other Users are never named and carry no label that stays the same from chart to chart or month to month.',
          'Ranks only: where Users are listed, as in league tables, they are ordered by value and shown by rank. Only your own row is marked.',
          'Large enough to list: another User\u2019s rate or share is listed only when it rests on at least 1,000 requests or devices. ' +
            'A value rounded to 0.1 percentage points fits every count from 1,000 up, so it gives none away; below that, a few ' +
            'Users\u2019 rounded values and the industry totals could be worked back into counts. Ranks count the Users listed, and you. ' +
            'For the same reason, the other Users\u2019 failure rate in a root-cause slice is shown only when they sent at least 1,000 requests in it.',
          'Rounded shares: another User\u2019s rate or share, and the other Users\u2019 failure rate in a root-cause slice, are shown rounded to ' +
            '0.1 percentage points, so they cannot be turned back into counts.',
          'No single values: the industry figures give no best or worst time, because the fastest or slowest request always belongs to one User. Your own best and worst are shown.',
          'Your devices only: device-level detail in your report is always about your own devices.',
        ),
        p(
          'When a rule applies, the chart says \u201cnot shown: too few comparable Users\u201d. It does not say which rule applied, and ' +
            'the withheld value is left out of the data altogether, including the downloads.',
        ),
      ],
    },
    {
      id: 'subtraction',
      heading: 'Nothing can be worked out by subtraction',
      blocks: [
        p(
          'Hiding one figure is not enough if it can be rebuilt from the figures around it. A month\u2019s industry total is the sum of ' +
            'its daily figures; if only one day were hidden, taking the shown days away from the month would give it back. So the rules ' +
            'are applied in two passes.',
        ),
        list(
          'First pass: every figure that fails the rules above is hidden.',
          'Second pass: wherever a total is shown and some of its parts are hidden, the hidden parts taken together must pass the rules ' +
            'too. If they do not, more parts are hidden, smallest first, until they do. If the total itself fails the rules, none of its parts are shown.',
          'Across months: a comparison figure is also withheld when the only change from an earlier month (any of the twelve before) ' +
            'is one User joining or leaving, because comparing the two months would show that User\u2019s figure. This includes a device ' +
            'count per model and firmware, which a User leaves by moving its meters to another firmware.',
          'What a comparison across months still shows: a figure that changes from one month to the next changed by the combined ' +
            'change of every User behind it. Where only one of them changed, the difference is that User\u2019s change, though not ' +
            'which User made it or what its figure is.',
        ),
        p(
          'The second pass applies to daily figures under each monthly figure, alert figures per day under the monthly alert figures, ' +
            'device counts per model and firmware under the count for each device type, and, among the root causes of failures, the ' +
            'figures per device model under each report item and per firmware under its model. Totals that your report adds up for you, ' +
            'such as a business process or a chart grouped by region, use only shown figures, so they reveal nothing new. Every monthly ' +
            'build ends with a check, made separately for each User from that User\u2019s own report files, that no hidden figure can be derived.',
        ),
      ],
    },
    {
      id: 'exceptions',
      heading: 'One exception',
      blocks: [
        p(
          'Electricity Distributors see some alert results split by energy supplier. Which supplier is registered at a premise is ' +
            'information the distributor already holds, so these suppliers are named.',
        ),
      ],
    },
  ],
};
