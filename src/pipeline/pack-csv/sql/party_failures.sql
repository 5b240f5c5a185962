-- grain: one row per party × role × report item × response code × signifiers × day with failures (the metrics item_failures table)
CREATE OR REPLACE TABLE party_failures AS
SELECT party_id, role, item_id, response_code, model, firmware, region, meter_type, smets, command_variant, day, CAST(failures AS BIGINT) AS failures, CAST(no_response AS BIGINT) AS no_response
FROM read_parquet('{{file}}')
ORDER BY ALL;
