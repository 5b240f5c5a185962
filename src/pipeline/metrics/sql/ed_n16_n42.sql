-- grain: one row per ED party × import supplier of the premise (named: a registration fact the ED holds) for the N16 it received in month M
CREATE OR REPLACE TABLE ed_n16_n42 AS
WITH n42 AS (
  SELECT party_id, device_id, raised_at FROM src.alerts WHERE alert_code = 'N42'
), n16 AS (
  -- each N16 with the first N42 after it (same party and device): within the window, or none is
  SELECT n.party_id, n.premise_id, n.day, count(*) AS n16,
    count_if(a.raised_at <= n.raised_at + INTERVAL ({{n42AfterN16Days}}) DAY) AS n42_within_window
  FROM alert_ed n ASOF LEFT JOIN n42 a ON a.party_id = n.party_id AND a.device_id = n.device_id AND n.raised_at < a.raised_at
  WHERE n.alert_code = 'N16'
  GROUP BY ALL
), supplier AS (
  -- the supplier depends on the premise and day only: looked up once per pair, not per alert
  SELECT n.premise_id, n.day, arg_max(r.party_id, (r.valid_from, r.party_id)) AS supplier_id
  FROM (SELECT DISTINCT premise_id, day FROM n16) n
  JOIN src.registrations r ON r.month = '{{month}}' AND r.premise_id = n.premise_id AND r.role = 'IS'
    AND r.valid_from <= n.day AND (r.valid_to IS NULL OR r.valid_to > n.day)
  GROUP BY ALL
)
SELECT n.party_id, s.supplier_id, p.party_name AS supplier_name, sum(n.n16)::BIGINT AS n16,
  sum(n.n42_within_window) AS n42_within_window
FROM n16 n LEFT JOIN supplier s ON s.premise_id = n.premise_id AND s.day = n.day
LEFT JOIN (SELECT party_id, party_name FROM src.parties WHERE month = '{{month}}') p ON p.party_id = s.supplier_id
GROUP BY ALL;
