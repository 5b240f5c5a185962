-- grain: one row per family × parent cell × party that contributed to it in one earlier built month (prev_contrib), and per reader that saw it published (prev_seen)
INSERT INTO prev_contrib
SELECT '{{prevMonth}}' AS month, 'item' AS family, item_id || '|' || role AS cell, party_id, requests::BIGINT AS vol
FROM read_parquet('{{prevDir}}/item_monthly.parquet') WHERE requests > 0
UNION ALL
SELECT '{{prevMonth}}', 'alerts', concat_ws('|', role, alert_code), party_id, (delivered + failed)::BIGINT
FROM read_parquet('{{prevDir}}/alerts_monthly.parquet') WHERE delivered + failed > 0
UNION ALL
SELECT '{{prevMonth}}', 'inventory', concat_ws('|', role, device_type), party_id, sum(devices)::BIGINT
FROM read_parquet('{{prevDir}}/inventory.parquet') GROUP BY ALL HAVING sum(devices) > 0
UNION ALL
SELECT '{{prevMonth}}', 'inventory_cell', concat_ws('|', role, device_type, model, firmware), party_id, devices::BIGINT
FROM read_parquet('{{prevDir}}/inventory.parquet') WHERE devices > 0
UNION ALL
SELECT '{{prevMonth}}', 'read_cohort', role, party_id, cohort::BIGINT FROM read_parquet('{{prevDir}}/no_read_30d.parquet') WHERE cohort > 0
UNION ALL
SELECT '{{prevMonth}}', 'cos', role, party_id, gains::BIGINT FROM read_parquet('{{prevDir}}/cos_gain.parquet') WHERE gains > 0;

INSERT INTO prev_seen
SELECT DISTINCT '{{prevMonth}}', * FROM (
  SELECT 'item' AS family, item_id || '|' || role AS cell, party_id AS reader
  FROM read_parquet('{{prevDir}}/item_monthly.parquet') WHERE industry_status = 'published'
  UNION ALL
  SELECT 'alerts', concat_ws('|', role, alert_code), party_id FROM read_parquet('{{prevDir}}/alerts_monthly.parquet') WHERE industry_status = 'published'
  UNION ALL
  SELECT 'inventory', concat_ws('|', role, device_type), party_id FROM read_parquet('{{prevDir}}/inventory.parquet') WHERE industry_status = 'published'
  UNION ALL
  SELECT 'inventory_cell', concat_ws('|', role, device_type, model, firmware), party_id
  FROM read_parquet('{{prevDir}}/inventory.parquet') WHERE industry_status = 'published'
  UNION ALL
  SELECT 'read_cohort', role, party_id FROM read_parquet('{{prevDir}}/no_read_30d.parquet') WHERE industry_status = 'published'
  UNION ALL
  SELECT 'cos', role, party_id FROM read_parquet('{{prevDir}}/cos_gain.parquet') WHERE industry_status = 'published'
);
