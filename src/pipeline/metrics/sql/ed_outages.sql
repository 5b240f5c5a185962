-- grain: one row per ED party × region: AD1 power outage alerts it received in month M, with and without a later restoration alert
CREATE OR REPLACE TABLE ed_outages AS
WITH outages AS (
  SELECT alert_id, party_id, region, premise_id, raised_at FROM alert WHERE role = 'ED' AND alert_code = 'AD1'
), restored AS (
  SELECT o.alert_id, EXISTS (SELECT 1 FROM src.alerts a JOIN src.devices d ON d.device_id = a.device_id AND d.month = '{{month}}'
    WHERE a.alert_code IN ('0x8F35', '0x8F36', '0x8F37', '0x8F38', '0x8F39', '0x8F3A', '0x8F3B', '0x8F3C')
      AND d.device_type IN ('ESME', 'GSME') AND d.premise_id = o.premise_id AND a.raised_at > o.raised_at) AS is_restored
  FROM outages o
)
SELECT party_id, region, count(*) AS outages, count_if(is_restored) AS restored, count_if(NOT is_restored) AS not_restored
FROM outages JOIN restored USING (alert_id)
GROUP BY ALL;
