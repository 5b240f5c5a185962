-- grain: one row per party × role × srv report item × response code with failures, summed over every signifier and day
CREATE OR REPLACE TABLE item_codes AS
SELECT party_id, role, item_id, response_code, response_name, sum(failures)::BIGINT AS failures, sum(no_response)::BIGINT AS no_response
FROM item_failures
GROUP BY ALL;
