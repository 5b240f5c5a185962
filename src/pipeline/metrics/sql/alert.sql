-- grain: one row per alert delivery of month M, enriched once (London day, delivery time, device and premise)
CREATE OR REPLACE TEMP TABLE alert AS
SELECT a.alert_id, a.alert_code, a.party_id, a.role, a.device_id, a.raised_at, london_day(a.raised_at) AS day,
  a.outcome = 'delivered' AS delivered,
  CASE WHEN a.delivered_at IS NOT NULL THEN seconds_between(a.raised_at, a.delivered_at) END AS delivery_s,
  d.premise_id, d.device_type, d.model, d.firmware, d.meter_type, d.region
FROM src.alerts a LEFT JOIN src.devices d ON d.device_id = a.device_id AND d.month = '{{month}}'
WHERE a.month = '{{month}}';
