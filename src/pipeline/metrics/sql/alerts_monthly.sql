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
SELECT * FROM alert_rows('d');
