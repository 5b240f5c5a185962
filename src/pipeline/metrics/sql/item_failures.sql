-- grain: one row per party × role × srv report item × response code × signifiers (model, firmware, region, meter type, SMETS, command variant, day) with failures
CREATE OR REPLACE TABLE item_failures AS
SELECT party_id, role, item_id, response_code, model, firmware, region, meter_type, smets, command_variant, day,
  count(*) AS failures, count_if(no_response) AS no_response
FROM req_item_joined WHERE NOT ok
GROUP BY ALL;
