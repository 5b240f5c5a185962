-- grain: one row per alert delivered (or failed) to a party in month M, with the device's signifiers
CREATE OR REPLACE TABLE party_alerts AS
SELECT a.party_id, a.alert_code, a.alert_id, a.role, a.device_id, d.device_type, d.model, d.firmware, d.region, d.meter_type, d.smets,
  a.raised_at, a.delivered_at, a.outcome,
  CAST((epoch_us(a.delivered_at) - epoch_us(a.raised_at)) / 1e6 AS DOUBLE) AS delivery_seconds
FROM src.alerts a LEFT JOIN src.devices d ON d.device_id = a.device_id AND d.month = '{{month}}'
WHERE a.month = '{{month}}'
ORDER BY a.party_id, a.alert_code, a.raised_at, a.alert_id;
