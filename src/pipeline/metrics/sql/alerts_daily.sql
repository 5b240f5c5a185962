-- grain: one row per reader party × industry role × alert code × London day cell of its roles (primary decision), and the cells it is made of
CREATE OR REPLACE TEMP TABLE alerts_daily_own AS
SELECT role, alert_code, day, party_id, concat_ws('|', role, alert_code, day) AS cell, count(*) AS vol,
  count_if(delivered) AS delivered, count_if(NOT delivered) AS failed, count(delivery_s) AS delivery_n,
  min(delivery_s) AS delivery_min, max(delivery_s) AS delivery_max, mean_seconds(delivery_s) AS delivery_mean, median(delivery_s) AS delivery_median
FROM alert GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE alerts_daily_industry AS
SELECT role, alert_code, day, concat_ws('|', role, alert_code, day) AS cell, count(*) AS vol,
  count_if(delivered) AS delivered, count_if(NOT delivered) AS failed, count(delivery_s) AS delivery_n,
  mean_seconds(delivery_s) AS delivery_mean, median(delivery_s) AS delivery_median
FROM alert GROUP BY ALL;

CREATE OR REPLACE TEMP VIEW alerts_daily_contrib AS SELECT cell, party_id, vol FROM alerts_daily_own;

CREATE OR REPLACE TEMP TABLE alerts_daily_sec AS
WITH g AS (SELECT * FROM peer_groups('alerts_daily_own'))
SELECT pr.party_id AS reader, concat_ws('|', n.role, n.alert_code) AS marginal, n.cell, o.vol, n.vol - coalesce(o.vol, 0) AS others_vol,
  coalesce(m.industry_status = 'suppressed', true) AS parent_suppressed,
  is_suppressed(pr.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed, false AS secondary
FROM party_role pr JOIN alerts_daily_industry n ON n.role = pr.role
LEFT JOIN alerts_monthly m ON m.party_id = pr.party_id AND m.role = n.role AND m.alert_code = n.alert_code
LEFT JOIN alerts_daily_own o ON o.cell = n.cell AND o.party_id = pr.party_id
LEFT JOIN g ON g.cell = n.cell;
