-- grain: none; scalar and table macros shared by the metrics SQL (no ICU needed: Europe/London rules written out)
-- UK summer time (+1 h) in the reporting year and the years either side: every instant the metrics read lies in them.
-- Constant bounds: working out the last Sundays of March and October for each row took six times as long.
CREATE OR REPLACE MACRO london_us(us) AS us + CASE WHEN {{summerTimeUs}} THEN 3600000000 ELSE 0 END;
CREATE OR REPLACE MACRO london_day(ts) AS DATE '1970-01-01' + CAST(london_us(epoch_us(ts)) // 86400000000 AS INTEGER);
CREATE OR REPLACE MACRO seconds_between(a, b) AS (epoch_us(b) - epoch_us(a)) / 1e6;
-- Mean of durations summed as whole microseconds: a float sum depends on thread order, this does not.
CREATE OR REPLACE MACRO mean_seconds(x) AS (sum(round(x * 1e6)::BIGINT) / count(x)) / 1e6;
CREATE OR REPLACE MACRO mean_us(x) AS (sum(x) / count(x)) / 1e6;
-- src/shared/rttHistogram.ts documents the buckets
CREATE OR REPLACE MACRO rtt_bucket(s) AS CASE WHEN s IS NULL THEN NULL WHEN s < 0.1 THEN 0 ELSE CAST(least(31, floor(4 * log10(s)) + 5) AS INTEGER) END;
-- RTT histogram (32 buckets) from (bucket, count) pairs already aggregated, in two steps: rtt_hist_map aggregates
-- (one map per group costs half of 32 filtered sums, and fails if a bucket came twice), rtt_hist_from then makes the
-- dense list in an outer query (inside the lambda the aggregate would be evaluated once per bucket)
CREATE OR REPLACE MACRO rtt_hist_map(b, n) AS map_from_entries(list({'k': b, 'v': n}) FILTER (WHERE b IS NOT NULL));
CREATE OR REPLACE MACRO rtt_hist_from(m) AS CAST(list_transform(range(32), i -> coalesce(m[i], 0)) AS INTEGER[]);
-- a rate num / den in whole steps of leagueRoundingPp, ties away from zero, in integers: a double's binary error rounds
-- some exact halves down (247 / 2000 = 12.35 % gave 12.3), where the report's own rates, written as Intl does, read 12.4
CREATE OR REPLACE MACRO rate_steps(num, den) AS (2 * num::HUGEINT * {{leagueStepsPerWhole}} + den::HUGEINT) // (2 * den::HUGEINT);
-- whole steps × the step is an exact DECIMAL; as DOUBLE it is the nearest double, so only the share's / 100 needs rounding
CREATE OR REPLACE MACRO round_pct(num, den) AS CASE WHEN den > 0 THEN CAST(rate_steps(num, den) * {{leagueRoundingPp}} AS DOUBLE) END;
CREATE OR REPLACE MACRO round_share(num, den) AS round(round_pct(num, den) / 100, 6);
-- per disclosure cell: contributors, total volume, the two largest contributors and the three largest volumes
CREATE OR REPLACE MACRO peer_groups(t) AS TABLE
  SELECT cell, count(*) AS n_parties, sum(vol) AS total_vol, max_by(party_id, vol, 2) AS top_parties, max(vol, 3) AS top_vols
  FROM query_table(t) WHERE vol > 0 GROUP BY cell;
-- design brief §5 seen from `party`: too few other contributors, or the two largest others dominate
CREATE OR REPLACE MACRO is_suppressed(party, own_vol, n_parties, total_vol, top_parties, top_vols) AS
  coalesce(n_parties, 0) - CASE WHEN coalesce(own_vol, 0) > 0 THEN 1 ELSE 0 END < {{minOtherParties}}
  OR coalesce(total_vol, 0) - coalesce(own_vol, 0) <= 0
  OR CASE WHEN list_contains(top_parties, party)
       THEN coalesce(top_vols[1], 0) + coalesce(top_vols[2], 0) + coalesce(top_vols[3], 0) - coalesce(own_vol, 0)
       ELSE coalesce(top_vols[1], 0) + coalesce(top_vols[2], 0) END
     > {{dominanceShare}} * (coalesce(total_vol, 0) - coalesce(own_vol, 0));
-- the published alert rows (alerts_monthly, alerts_daily) from a table of own and industry figures per reader and cell:
-- its key columns in table order, own figures (zero where none), industry figures where not suppressed
CREATE OR REPLACE MACRO alert_rows(t) AS TABLE
  SELECT COLUMNS(c -> c IN ('party_id', 'role', 'alert_code', 'day')),
    CASE WHEN own_delivered IS NULL THEN 'no_activity' ELSE 'active' END AS status,
    coalesce(own_delivered, 0) AS delivered, coalesce(own_failed, 0) AS failed, coalesce(own_n, 0) AS delivery_n,
    own_min AS delivery_min, own_max AS delivery_max, own_mean AS delivery_mean, own_median AS delivery_median,
    CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
    CASE WHEN NOT suppressed THEN delivered END AS industry_delivered,
    CASE WHEN NOT suppressed THEN failed END AS industry_failed,
    CASE WHEN NOT suppressed THEN delivery_n END AS industry_delivery_n,
    CASE WHEN NOT suppressed THEN delivery_mean END AS industry_delivery_mean,
    CASE WHEN NOT suppressed THEN delivery_median END AS industry_delivery_median
  FROM query_table(t) WHERE own_delivered IS NOT NULL OR NOT suppressed;
