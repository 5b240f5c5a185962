import { z } from 'zod';

/** Disclosure control (design brief §5) and metric windows (§4): config/policy.json. */
export const disclosurePolicySchema = z.strictObject({
  /** A peer statistic needs at least this many contributing parties other than the recipient. */
  minOtherParties: z.int().min(1),
  /** Dominance: the largest N other contributors ... */
  dominanceTopContributors: z.literal(2),
  /** ... may hold at most this share of the others' volume. */
  dominanceShare: z.number().gt(0).lte(1),
  /** League table values are rounded to this many percentage points. */
  leagueRoundingPp: z
    .number()
    .positive()
    .refine((pp) => Math.abs(100 / pp - Math.round(100 / pp)) < 1e-9, 'must divide 100 percentage points (0.1, 0.5, 1, …)'),
  /**
   * A peer's own rate or share (item_peers, league, inventory_peers) is shown only when its volume is at least this.
   * A value rounded to leagueRoundingPp fits every volume from 100 / leagueRoundingPp up; below that, a few peers'
   * rounded values and the industry totals can have one whole-number solution. Lower only in tests.
   */
  minPeerVolume: z.int().min(1),
  /** Complementary suppression: hide further cells until no suppressed cell follows by subtraction (off only in tests). */
  secondarySuppression: z.boolean().default(true),
});

export const metricWindowsSchema = z.strictObject({
  installBeforeHours: z.number().nonnegative(),
  installAfterHours: z.number().nonnegative(),
  cosGainAfterDays: z.number().nonnegative(),
  readCohortDays: z.int().positive(),
  cosPriorReadDays: z.int().positive(),
  n42AfterN16Days: z.number().positive(),
  predictionWeeks: z.int().positive(),
  predictionMinWeeks: z.int().positive(),
  predictionBandSd: z.number().nonnegative(),
});

export const policySchema = z.strictObject({ disclosure: disclosurePolicySchema, windows: metricWindowsSchema });
export type Policy = z.infer<typeof policySchema>;
export type DisclosurePolicy = z.infer<typeof disclosurePolicySchema>;
export type MetricWindows = z.infer<typeof metricWindowsSchema>;

/** Earlier months a reader compares a figure with (the month rule, audit check d): the archive keeps every month's report open, and a year of them is read for trends. */
export const COMPARED_MONTHS = 12;

/** Firmware label under which months built before December 2026 pooled a peer's hidden firmware (inventory_peers); the audit still reads it. */
export const OTHER_FIRMWARE = 'other firmware';
