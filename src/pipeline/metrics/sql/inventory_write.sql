-- grain: one row per party × role × device type × model × firmware in its month-end estate (own rows, plus published industry rows)
CREATE OR REPLACE TABLE inventory AS
WITH own_type AS (SELECT party_id, role, device_type, sum(vol) AS n FROM estate_own GROUP BY ALL),
ind_type AS (SELECT role, device_type, count(*) AS n FROM estate GROUP BY ALL),
d AS (
  SELECT s.reader AS party_id, s.suppressed, n.*, o.vol AS own_devices
  FROM inventory_sec s JOIN estate_industry n ON n.cell = s.cell
  LEFT JOIN estate_own o ON o.cell = s.cell AND o.party_id = s.reader
)
SELECT d.party_id, d.role, d.device_type, d.model, d.firmware, coalesce(d.own_devices, 0) AS devices,
  coalesce(d.own_devices, 0) / ot.n AS share_of_type,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN d.devices END AS industry_devices,
  CASE WHEN NOT suppressed THEN d.devices / it.n END AS industry_share_of_type
FROM d LEFT JOIN own_type ot ON ot.party_id = d.party_id AND ot.role = d.role AND ot.device_type = d.device_type
JOIN ind_type it ON it.role = d.role AND it.device_type = d.device_type
WHERE d.own_devices IS NOT NULL OR NOT d.suppressed;
