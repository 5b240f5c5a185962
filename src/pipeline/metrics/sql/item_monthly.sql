-- grain: one row per party × role × srv report item applicable to that role (explicit no_activity rows)
CREATE OR REPLACE TEMP TABLE item_own AS
SELECT item_id, role, party_id, item_id || '|' || role AS cell, count(*) AS vol,
  count(*) AS requests, count_if(ok) AS successes, count_if(NOT ok) AS failures, count_if(rtt_us IS NULL) AS no_response,
  count(rtt_us) AS rtt_n, min(rtt_us) / 1e6 AS rtt_min, max(rtt_us) / 1e6 AS rtt_max, mean_us(rtt_us) AS rtt_mean,
  median(rtt_us / 1e6) AS rtt_median
FROM req_item GROUP BY item_id, role, party_id;

CREATE OR REPLACE TEMP TABLE item_industry AS
-- no industry minimum or maximum: each is one party's exact value
SELECT item_id, role, count(*) AS requests, count_if(ok) AS successes, count_if(NOT ok) AS failures, count_if(rtt_us IS NULL) AS no_response,
  count(rtt_us) AS rtt_n, mean_us(rtt_us) AS rtt_mean, median(rtt_us / 1e6) AS rtt_median
FROM req_item GROUP BY item_id, role;

CREATE OR REPLACE TABLE item_monthly AS
WITH g AS (SELECT * FROM peer_groups('item_own')),
rows AS (
  SELECT pi.party_id, pi.role, pi.item_id, pi.business_process, o.requests AS own_requests, o.successes, o.failures, o.no_response,
    o.rtt_n, o.rtt_min, o.rtt_max, o.rtt_mean, o.rtt_median, n AS ind,
    is_suppressed(pi.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) OR x.reader IS NOT NULL AS suppressed
  FROM party_item pi
  LEFT JOIN item_own o ON o.item_id = pi.item_id AND o.role = pi.role AND o.party_id = pi.party_id
  LEFT JOIN g ON g.cell = pi.item_id || '|' || pi.role
  LEFT JOIN item_industry n ON n.item_id = pi.item_id AND n.role = pi.role
  LEFT JOIN month_isolates('item', 'item_own') x ON x.reader = pi.party_id AND x.cell = pi.item_id || '|' || pi.role
  WHERE pi.kind = 'srv'
)
SELECT party_id, role, item_id, business_process,
  CASE WHEN own_requests IS NULL THEN 'no_activity' ELSE 'active' END AS status,
  coalesce(own_requests, 0) AS requests, coalesce(successes, 0) AS successes, coalesce(failures, 0) AS failures,
  coalesce(no_response, 0) AS no_response, successes / own_requests AS success_rate,
  coalesce(rtt_n, 0) AS rtt_n, rtt_min, rtt_max, rtt_mean, rtt_median,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN ind.requests END AS industry_requests,
  CASE WHEN NOT suppressed THEN ind.successes END AS industry_successes,
  CASE WHEN NOT suppressed THEN ind.failures END AS industry_failures,
  CASE WHEN NOT suppressed THEN ind.no_response END AS industry_no_response,
  CASE WHEN NOT suppressed THEN ind.successes / ind.requests END AS industry_success_rate,
  CASE WHEN NOT suppressed THEN ind.rtt_n END AS industry_rtt_n,
  CASE WHEN NOT suppressed THEN ind.rtt_mean END AS industry_rtt_mean,
  CASE WHEN NOT suppressed THEN ind.rtt_median END AS industry_rtt_median
FROM rows;
