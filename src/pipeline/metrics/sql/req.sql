-- grain: one row per accepted service request of month M and its history months, enriched once (device, London day, RTT, context)
-- install visits and CoS gains are few: collect their times per party and premise, then flag requests in one pass
CREATE OR REPLACE TEMP TABLE visit AS
SELECT s.party_id, d.premise_id,
  list(s.sent_at) FILTER (WHERE s.srv <> '6.23') AS installs,
  list(s.sent_at) FILTER (WHERE s.srv = '6.23') AS gains
FROM src.service_requests s JOIN src.devices d ON d.device_id = s.device_id AND d.month = '{{month}}'
WHERE s.srv IN ('8.14.1', '8.14.2', '6.23') AND s.outcome = 'success' AND s.responded_at IS NOT NULL
GROUP BY s.party_id, d.premise_id;

CREATE OR REPLACE TEMP TABLE req AS
SELECT s.request_id, s.month, s.party_id, s.role, s.srv, s.variant, s.command_variant, s.sent_at, s.response_code,
  d.premise_id, d.device_type, d.model, d.firmware, d.region, d.meter_type, d.smets,
  london_day(s.sent_at) AS day,
  CASE WHEN s.responded_at IS NOT NULL THEN seconds_between(s.sent_at, s.responded_at) END AS rtt_s,
  rtt_bucket(CASE WHEN s.responded_at IS NOT NULL THEN seconds_between(s.sent_at, s.responded_at) END) AS bucket,
  s.outcome = 'success' AND s.responded_at IS NOT NULL AS ok,
  s.responded_at IS NULL AS no_response,
  coalesce(list_bool_or(list_transform(v.installs, t -> s.sent_at >= t - INTERVAL ({{installBeforeHours}}) HOUR
    AND s.sent_at <= t + INTERVAL ({{installAfterHours}}) HOUR)), FALSE) AS in_install,
  coalesce(list_bool_or(list_transform(v.gains, t -> s.sent_at >= t AND s.sent_at <= t + INTERVAL ({{cosGainAfterDays}}) DAY)), FALSE) AS in_cos_gain
FROM src.service_requests s
LEFT JOIN src.devices d ON d.device_id = s.device_id AND d.month = '{{month}}'
LEFT JOIN visit v ON v.party_id = s.party_id AND v.premise_id = d.premise_id;
