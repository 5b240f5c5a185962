-- grain: one row per reader party × industry day × meter type × region × SMETS cell of its items (primary decision), and the cells it is made of
-- cell × RTT bucket first: a plain aggregate over the requests, which the own and industry cells then merge.
-- Few aggregates, each costs seconds here: bucket is NULL exactly for no response, so that count and rtt_n follow.
CREATE OR REPLACE TEMP TABLE daily_bucket AS
SELECT item_id, role, party_id, day, meter_type, region, smets, rtt_bucket(rtt_us / 1e6) AS bucket,
  count(*) AS requests, count_if(ok) AS successes, sum(rtt_us) AS rtt_us, min(rtt_us) / 1e6 AS rtt_min, max(rtt_us) / 1e6 AS rtt_max
FROM req_item GROUP BY ALL;

-- every cell gets an integer id: joins on it are far cheaper than on the composite key; ordered, so ties between cells break the same way every run
CREATE OR REPLACE TEMP TABLE daily_industry AS
SELECT row_number() OVER (ORDER BY item_id, role, day, meter_type, region, smets) AS cell, * FROM (
  SELECT item_id, role, day, meter_type, region, smets,
    sum(requests)::BIGINT AS requests, sum(successes)::BIGINT AS successes, sum(requests - successes)::BIGINT AS failures,
    coalesce(sum(requests) FILTER (WHERE bucket IS NULL), 0)::BIGINT AS no_response,
    coalesce(sum(requests) FILTER (WHERE bucket IS NOT NULL), 0)::BIGINT AS rtt_n, sum(rtt_us) / 1e6 AS rtt_sum
  FROM daily_bucket GROUP BY item_id, role, day, meter_type, region, smets
);

CREATE OR REPLACE TEMP TABLE daily_own AS
SELECT * EXCLUDE (h), rtt_hist_from(h) AS rtt_hist FROM (
  SELECT n.cell, b.party_id, sum(b.requests)::BIGINT AS vol,
    sum(b.requests)::BIGINT AS requests, sum(b.successes)::BIGINT AS successes, sum(b.requests - b.successes)::BIGINT AS failures,
    coalesce(sum(b.requests) FILTER (WHERE b.bucket IS NULL), 0)::BIGINT AS no_response,
    coalesce(sum(b.requests) FILTER (WHERE b.bucket IS NOT NULL), 0)::BIGINT AS rtt_n, sum(b.rtt_us) / 1e6 AS rtt_sum,
    min(b.rtt_min) AS rtt_min, max(b.rtt_max) AS rtt_max, rtt_hist_map(b.bucket, b.requests) AS h
  FROM daily_bucket b JOIN daily_industry n ON n.item_id = b.item_id AND n.role = b.role AND n.day = b.day
    AND n.meter_type IS NOT DISTINCT FROM b.meter_type AND n.region IS NOT DISTINCT FROM b.region AND n.smets IS NOT DISTINCT FROM b.smets
  GROUP BY n.cell, b.party_id
);

-- each reader's primary decision per cell; the secondary step may suppress more (secondary.ts)
CREATE OR REPLACE TEMP VIEW item_daily_contrib AS SELECT cell, party_id, vol FROM daily_own;

CREATE OR REPLACE TEMP TABLE item_daily_sec AS
WITH g AS (SELECT * FROM peer_groups('daily_own'))
SELECT pi.party_id AS reader, n.item_id || '|' || n.role AS marginal, n.cell, o.vol,
  n.requests - coalesce(o.vol, 0) AS others_vol, m.industry_status = 'suppressed' AS parent_suppressed,
  is_suppressed(pi.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed, false AS secondary
FROM party_item pi
JOIN daily_industry n ON n.item_id = pi.item_id AND n.role = pi.role
JOIN item_monthly m ON m.party_id = pi.party_id AND m.role = pi.role AND m.item_id = pi.item_id
LEFT JOIN daily_own o ON o.cell = n.cell AND o.party_id = pi.party_id
LEFT JOIN g ON g.cell = n.cell;
