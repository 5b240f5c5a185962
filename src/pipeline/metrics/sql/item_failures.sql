-- grain: one row per party × role × srv report item × response code × signifiers (model, firmware, region, meter type, SMETS, command variant, day) with failures
CREATE OR REPLACE TABLE item_failures AS
WITH f AS (
  SELECT party_id, role, item_id, response_code, model, firmware, region, meter_type, smets, command_variant, day,
    count(*) AS failures, count_if(rtt_us IS NULL) AS no_response
  FROM req_item WHERE NOT ok
  GROUP BY ALL
), names AS (
  SELECT code, nullif(trim(name), '') AS name FROM read_csv('{{responseCodesCsv}}', header = true, all_varchar = true)
)
-- the code's name from the reference data, so a reader needs no lookup; a request without response has no code
SELECT f.party_id, f.role, f.item_id, f.response_code,
  CASE WHEN f.response_code IS NULL THEN 'No response' ELSE coalesce(n.name, 'Not named in the reference data') END AS response_name,
  f.model, f.firmware, f.region, f.meter_type, f.smets, f.command_variant, f.day, f.failures, f.no_response
FROM f LEFT JOIN names n ON n.code = f.response_code;
