-- grain: one row per party × role × alert code × London day (own rows, plus published industry rows)
CREATE OR REPLACE TABLE alerts_daily AS
WITH d AS (
  SELECT s.reader AS party_id, s.suppressed, n.*, o.delivered AS own_delivered, o.failed AS own_failed, o.delivery_n AS own_n,
    o.delivery_min AS own_min, o.delivery_max AS own_max, o.delivery_mean AS own_mean, o.delivery_median AS own_median
  FROM alerts_daily_sec s JOIN alerts_daily_industry n ON n.cell = s.cell
  LEFT JOIN alerts_daily_own o ON o.cell = s.cell AND o.party_id = s.reader
)
SELECT party_id, role, alert_code, day, CASE WHEN own_delivered IS NULL THEN 'no_activity' ELSE 'active' END AS status,
  coalesce(own_delivered, 0) AS delivered, coalesce(own_failed, 0) AS failed, coalesce(own_n, 0) AS delivery_n,
  own_min AS delivery_min, own_max AS delivery_max, own_mean AS delivery_mean, own_median AS delivery_median,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN delivered END AS industry_delivered,
  CASE WHEN NOT suppressed THEN failed END AS industry_failed,
  CASE WHEN NOT suppressed THEN delivery_n END AS industry_delivery_n,
  CASE WHEN NOT suppressed THEN delivery_mean END AS industry_delivery_mean,
  CASE WHEN NOT suppressed THEN delivery_median END AS industry_delivery_median
FROM d WHERE own_delivered IS NOT NULL OR NOT suppressed;
