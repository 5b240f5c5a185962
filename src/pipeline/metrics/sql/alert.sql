-- grain: one row per alert delivery of month M, narrow: what the delivery tables group (London day, delivery time)
CREATE OR REPLACE TEMP TABLE alert AS
SELECT a.alert_code, a.party_id, a.role, london_day(a.raised_at) AS day, a.outcome = 'delivered' AS delivered,
  CASE WHEN a.delivered_at IS NOT NULL THEN seconds_between(a.raised_at, a.delivered_at) END AS delivery_s
FROM src.alerts a
WHERE a.month = '{{month}}';

-- grain: one row per alert an ED received in month M of the codes its extra tables read, with the device's signifiers
-- (ED alerts are most of a month's, but only these codes need the device: joined here, not for every alert)
CREATE OR REPLACE TEMP TABLE alert_ed AS
SELECT a.alert_id, a.alert_code, a.party_id, a.device_id, a.raised_at, london_day(a.raised_at) AS day,
  d.premise_id, d.model, d.firmware, d.meter_type, d.region
FROM (
  -- one equality per code, as journey_req.sql: the scan then reads the other columns only where it holds
  SELECT * FROM src.alerts WHERE alert_code = 'N13'
  UNION ALL SELECT * FROM src.alerts WHERE alert_code = 'N55'
  UNION ALL SELECT * FROM src.alerts WHERE alert_code = 'N16'
  UNION ALL SELECT * FROM src.alerts WHERE alert_code = 'AD1'
) a LEFT JOIN src.devices d ON d.device_id = a.device_id AND d.month = '{{month}}'
WHERE a.month = '{{month}}' AND a.role = 'ED';
