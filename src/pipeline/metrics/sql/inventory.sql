-- grain: one row per party × role × device type × model × firmware in its month-end estate (own rows, plus published industry rows)
CREATE OR REPLACE TEMP TABLE estate AS
SELECT party_id, role, device_type, model, firmware FROM estate_devices_at('{{month}}', DATE '{{monthEnd}}');

CREATE OR REPLACE TEMP TABLE estate_own AS
SELECT party_id, role, device_type, model, firmware, concat_ws('|', role, device_type, model, firmware) AS cell, count(*) AS vol
FROM estate GROUP BY ALL;

CREATE OR REPLACE TABLE inventory AS
WITH ind AS (
  SELECT role, device_type, model, firmware, concat_ws('|', role, device_type, model, firmware) AS cell, count(*) AS devices
  FROM estate GROUP BY ALL
), own_type AS (SELECT party_id, role, device_type, sum(vol) AS n FROM estate_own GROUP BY ALL),
ind_type AS (SELECT role, device_type, count(*) AS n FROM estate GROUP BY ALL),
g AS (SELECT * FROM peer_groups('estate_own')),
d AS (
  SELECT pr.party_id, n.*, o.vol AS own_devices,
    is_suppressed(pr.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed
  FROM party_role pr JOIN ind n ON n.role = pr.role
  LEFT JOIN estate_own o ON o.cell = n.cell AND o.party_id = pr.party_id
  LEFT JOIN g ON g.cell = n.cell
)
SELECT d.party_id, d.role, d.device_type, d.model, d.firmware, coalesce(d.own_devices, 0) AS devices,
  coalesce(d.own_devices, 0) / ot.n AS share_of_type,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN d.devices END AS industry_devices,
  CASE WHEN NOT suppressed THEN d.devices / it.n END AS industry_share_of_type
FROM d LEFT JOIN own_type ot ON ot.party_id = d.party_id AND ot.role = d.role AND ot.device_type = d.device_type
JOIN ind_type it ON it.role = d.role AND it.device_type = d.device_type
WHERE d.own_devices IS NOT NULL OR NOT d.suppressed;
