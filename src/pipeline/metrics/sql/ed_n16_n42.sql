-- grain: one row per ED party × import supplier of the premise (named: a registration fact the ED holds) for the N16 it received in month M
CREATE OR REPLACE TABLE ed_n16_n42 AS
WITH n16 AS (
  SELECT alert_id, party_id, device_id, premise_id, raised_at, day FROM alert WHERE role = 'ED' AND alert_code = 'N16'
), followed AS (
  SELECT n.alert_id, EXISTS (SELECT 1 FROM src.alerts a WHERE a.alert_code = 'N42' AND a.party_id = n.party_id
    AND a.device_id = n.device_id AND a.raised_at > n.raised_at
    AND a.raised_at <= n.raised_at + INTERVAL ({{n42AfterN16Days}}) DAY) AS has_n42
  FROM n16 n
), supplier AS (
  SELECT n.alert_id, arg_max(r.party_id, (r.valid_from, r.party_id)) AS supplier_id
  FROM n16 n JOIN src.registrations r ON r.month = '{{month}}' AND r.premise_id = n.premise_id AND r.role = 'IS'
    AND r.valid_from <= n.day AND (r.valid_to IS NULL OR r.valid_to > n.day)
  GROUP BY n.alert_id
)
SELECT n.party_id, s.supplier_id, p.party_name AS supplier_name, count(*) AS n16, count_if(f.has_n42) AS n42_within_window
FROM n16 n JOIN followed f USING (alert_id) LEFT JOIN supplier s USING (alert_id)
LEFT JOIN (SELECT party_id, party_name FROM src.parties WHERE month = '{{month}}') p ON p.party_id = s.supplier_id
GROUP BY ALL;
