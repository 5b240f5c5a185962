-- grain: one row per party × role × alert code (month M) (own rows, plus published industry rows)
CREATE OR REPLACE TEMP TABLE alerts_monthly_own AS
SELECT role, alert_code, party_id, concat_ws('|', role, alert_code) AS cell, count(*) AS vol,
  count_if(delivered) AS delivered, count_if(NOT delivered) AS failed, count(delivery_s) AS delivery_n,
  min(delivery_s) AS delivery_min, max(delivery_s) AS delivery_max, mean_seconds(delivery_s) AS delivery_mean, median(delivery_s) AS delivery_median
FROM alert GROUP BY ALL;

CREATE OR REPLACE TABLE alerts_monthly AS
WITH ind AS (
  SELECT role, alert_code, concat_ws('|', role, alert_code) AS cell,
    count_if(delivered) AS delivered, count_if(NOT delivered) AS failed, count(delivery_s) AS delivery_n,
    mean_seconds(delivery_s) AS delivery_mean, median(delivery_s) AS delivery_median
  FROM alert GROUP BY ALL
), g AS (SELECT * FROM peer_groups('alerts_monthly_own')),
d AS (
  SELECT pr.party_id, n.*, o.delivered AS own_delivered, o.failed AS own_failed, o.delivery_n AS own_n, o.delivery_min AS own_min,
    o.delivery_max AS own_max, o.delivery_mean AS own_mean, o.delivery_median AS own_median,
    is_suppressed(pr.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) OR x.reader IS NOT NULL AS suppressed
  FROM party_role pr JOIN ind n ON n.role = pr.role
  LEFT JOIN month_isolates('alerts', 'alerts_monthly_own') x ON x.reader = pr.party_id AND x.cell = n.cell
  LEFT JOIN alerts_monthly_own o ON o.cell = n.cell AND o.party_id = pr.party_id
  LEFT JOIN g ON g.cell = n.cell
)
SELECT party_id, role, alert_code, CASE WHEN own_delivered IS NULL THEN 'no_activity' ELSE 'active' END AS status,
  coalesce(own_delivered, 0) AS delivered, coalesce(own_failed, 0) AS failed, coalesce(own_n, 0) AS delivery_n,
  own_min AS delivery_min, own_max AS delivery_max, own_mean AS delivery_mean, own_median AS delivery_median,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN delivered END AS industry_delivered,
  CASE WHEN NOT suppressed THEN failed END AS industry_failed,
  CASE WHEN NOT suppressed THEN delivery_n END AS industry_delivery_n,
  CASE WHEN NOT suppressed THEN delivery_mean END AS industry_delivery_mean,
  CASE WHEN NOT suppressed THEN delivery_median END AS industry_delivery_median
FROM d WHERE own_delivered IS NOT NULL OR NOT suppressed;
