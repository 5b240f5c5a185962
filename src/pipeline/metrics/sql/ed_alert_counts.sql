-- grain: one row per ED party × alert code (N13, N55) × meter type × model × firmware it received in month M
CREATE OR REPLACE TABLE ed_alert_counts AS
SELECT party_id, alert_code, meter_type, model, firmware, count(*) AS alerts
FROM alert_ed WHERE alert_code IN ('N13', 'N55')
GROUP BY ALL;
