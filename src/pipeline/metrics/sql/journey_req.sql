-- grain: one row per accepted install (8.14.1, 8.14.2) or CoS gain (6.23) request of month M and its history months, with the premise
CREATE OR REPLACE TABLE journey_req AS
SELECT s.request_id, s.month, s.party_id, s.role, s.srv, s.sent_at, london_day(s.sent_at) AS day, d.premise_id,
  s.outcome = 'success' AND s.responded_at IS NOT NULL AS ok
FROM (
  -- one equality per SRV: DuckDB pushes it into the scan and reads the other columns only where it holds (an IN list
  -- is only a row-group check there, so every column of every request was read)
  SELECT * FROM src.service_requests WHERE srv = '8.14.1'
  UNION ALL SELECT * FROM src.service_requests WHERE srv = '8.14.2'
  UNION ALL SELECT * FROM src.service_requests WHERE srv = '6.23'
) s LEFT JOIN src.devices d ON d.device_id = s.device_id AND d.month = '{{month}}';

-- install visits and CoS gains are few: collect their times per party and premise, then flag requests in one pass
CREATE OR REPLACE TEMP TABLE visit AS
SELECT party_id, premise_id,
  list(sent_at) FILTER (WHERE srv <> '6.23') AS installs,
  list(sent_at) FILTER (WHERE srv = '6.23') AS gains
FROM journey_req WHERE ok AND premise_id IS NOT NULL
GROUP BY party_id, premise_id;

-- successful reads (any month) at premises with an install or gain: only these can answer the derived items
CREATE OR REPLACE TABLE meter_read AS
SELECT d.premise_id, s.sent_at, d.device_type IN ('ESME', 'GSME') AS to_meter
FROM src.service_requests s JOIN src.devices d ON d.device_id = s.device_id AND d.month = '{{month}}'
WHERE s.srv LIKE '4.%' AND s.outcome = 'success' AND s.responded_at IS NOT NULL
  AND d.premise_id IN (SELECT premise_id FROM journey_req WHERE ok);
