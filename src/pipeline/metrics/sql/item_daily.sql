-- grain: one row per party × role × srv report item × London day × meter type × region × SMETS (own cells, plus published industry cells)
-- cell × RTT bucket first: a plain aggregate over the requests, which the own and industry cells then merge.
-- Few aggregates, each costs seconds here: bucket is NULL exactly for no response, so that count and rtt_n follow.
CREATE OR REPLACE TEMP TABLE daily_bucket AS
SELECT item_id, role, party_id, day, meter_type, region, smets, bucket,
  count(*) AS requests, count_if(ok) AS successes, sum(round(rtt_s * 1e6)::BIGINT) AS rtt_us, min(rtt_s) AS rtt_min, max(rtt_s) AS rtt_max
FROM req_item GROUP BY ALL;

-- every cell gets an integer id: joins on it are far cheaper than on the composite key
CREATE OR REPLACE TEMP TABLE daily_industry AS
WITH b AS (
  SELECT item_id, role, day, meter_type, region, smets, bucket, sum(requests)::BIGINT AS requests, sum(successes)::BIGINT AS successes,
    sum(rtt_us) AS rtt_us
  FROM daily_bucket GROUP BY ALL
)
SELECT row_number() OVER () AS cell, * EXCLUDE (h), rtt_hist_from(h) AS rtt_hist FROM (
  SELECT item_id, role, day, meter_type, region, smets,
    sum(requests)::BIGINT AS requests, sum(successes)::BIGINT AS successes, sum(requests - successes)::BIGINT AS failures,
    coalesce(sum(requests) FILTER (WHERE bucket IS NULL), 0)::BIGINT AS no_response,
    coalesce(sum(requests) FILTER (WHERE bucket IS NOT NULL), 0)::BIGINT AS rtt_n, sum(rtt_us) / 1e6 AS rtt_sum, rtt_hist_map(bucket, requests) AS h
  FROM b GROUP BY item_id, role, day, meter_type, region, smets
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

-- decide on narrow keys first, then attach the wide columns (histograms) only to the rows kept
CREATE OR REPLACE TABLE item_daily AS
WITH g AS (SELECT * FROM peer_groups('daily_own')),
decided AS (
  SELECT pi.party_id, n.cell, o.vol,
    is_suppressed(pi.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed
  FROM party_item pi
  JOIN daily_industry n ON n.item_id = pi.item_id AND n.role = pi.role
  LEFT JOIN daily_own o ON o.cell = n.cell AND o.party_id = pi.party_id
  LEFT JOIN g ON g.cell = n.cell
)
SELECT d.party_id, n.role, n.item_id, n.day, n.meter_type, n.region, n.smets,
  coalesce(o.requests, 0) AS requests, coalesce(o.successes, 0) AS successes, coalesce(o.failures, 0) AS failures,
  coalesce(o.no_response, 0) AS no_response, coalesce(o.rtt_n, 0) AS rtt_n, o.rtt_sum, o.rtt_min, o.rtt_max,
  coalesce(o.rtt_hist, list_transform(range(32), i -> 0)) AS rtt_hist,
  CASE WHEN d.suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT d.suppressed THEN n.requests END AS industry_requests,
  CASE WHEN NOT d.suppressed THEN n.successes END AS industry_successes,
  CASE WHEN NOT d.suppressed THEN n.failures END AS industry_failures,
  CASE WHEN NOT d.suppressed THEN n.no_response END AS industry_no_response,
  CASE WHEN NOT d.suppressed THEN n.rtt_n END AS industry_rtt_n,
  CASE WHEN NOT d.suppressed THEN n.rtt_sum END AS industry_rtt_sum,
  CASE WHEN NOT d.suppressed THEN n.rtt_hist END AS industry_rtt_hist
FROM decided d
JOIN daily_industry n ON n.cell = d.cell
LEFT JOIN daily_own o ON o.cell = d.cell AND o.party_id = d.party_id
WHERE d.vol IS NOT NULL OR NOT d.suppressed;
