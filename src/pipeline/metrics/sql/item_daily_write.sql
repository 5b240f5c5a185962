-- grain: one row per party × role × srv report item × London day × meter type × region × SMETS (own cells, plus published industry cells)
-- decided on narrow keys first, then the wide column (the own histogram) attaches only to the rows kept; no industry
-- histogram: no view reads one, and it was a third of the dataset's bytes
CREATE OR REPLACE TABLE item_daily AS
WITH decided AS (SELECT reader AS party_id, cell, vol, suppressed FROM item_daily_sec)
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
  CASE WHEN NOT d.suppressed THEN n.rtt_sum END AS industry_rtt_sum
FROM decided d
JOIN daily_industry n ON n.cell = d.cell
LEFT JOIN daily_own o ON o.cell = d.cell AND o.party_id = d.party_id
WHERE d.vol IS NOT NULL OR NOT d.suppressed;
