-- grain: one row per ED party × region: AD1 power outage alerts it received in month M, with and without a later restoration alert
CREATE OR REPLACE TABLE ed_outages AS
WITH outages AS (
  SELECT party_id, region, premise_id, raised_at FROM alert_ed WHERE alert_code = 'AD1'
), last_restoration AS (
  -- a restoration after the outage exists exactly when the premise's last one is after it
  SELECT d.premise_id, max(a.raised_at) AS raised_at
  FROM src.alerts a JOIN src.devices d ON d.device_id = a.device_id AND d.month = '{{month}}'
  WHERE a.alert_code IN ('0x8F35', '0x8F36', '0x8F37', '0x8F38', '0x8F39', '0x8F3A', '0x8F3B', '0x8F3C')
    AND d.device_type IN ('ESME', 'GSME')
  GROUP BY d.premise_id
)
SELECT party_id, region, count(*) AS outages, count_if(is_restored) AS restored, count_if(NOT is_restored) AS not_restored
FROM (
  SELECT o.party_id, o.region, coalesce(r.raised_at > o.raised_at, false) AS is_restored
  FROM outages o LEFT JOIN last_restoration r ON r.premise_id = o.premise_id
)
GROUP BY ALL;
