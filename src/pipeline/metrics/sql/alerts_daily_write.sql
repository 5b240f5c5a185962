-- grain: one row per party × role × alert code × London day (own rows, plus published industry rows)
CREATE OR REPLACE TABLE alerts_daily AS
WITH d AS (
  SELECT s.reader AS party_id, s.suppressed, n.*, o.delivered AS own_delivered, o.failed AS own_failed, o.delivery_n AS own_n,
    o.delivery_min AS own_min, o.delivery_max AS own_max, o.delivery_mean AS own_mean, o.delivery_median AS own_median
  FROM alerts_daily_sec s JOIN alerts_daily_industry n ON n.cell = s.cell
  LEFT JOIN alerts_daily_own o ON o.cell = s.cell AND o.party_id = s.reader
)
SELECT * FROM alert_rows('d');
