-- grain: one row per reader party × industry role × device type × model × firmware cell of its roles (primary decision), and the cells it is made of
CREATE OR REPLACE TEMP TABLE estate AS
SELECT party_id, role, device_type, model, firmware FROM estate_devices_at('{{month}}', DATE '{{monthEnd}}');

CREATE OR REPLACE TEMP TABLE estate_own AS
SELECT party_id, role, device_type, model, firmware, concat_ws('|', role, device_type, model, firmware) AS cell, count(*) AS vol
FROM estate GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE estate_industry AS
SELECT role, device_type, model, firmware, concat_ws('|', role, device_type, model, firmware) AS cell, count(*) AS devices
FROM estate GROUP BY ALL;

-- the type total is a parent: a reader derives it from any published share of the type
CREATE OR REPLACE TEMP TABLE estate_type_own AS
SELECT party_id, role, device_type, concat_ws('|', role, device_type) AS cell, count(*) AS vol FROM estate GROUP BY ALL;

CREATE OR REPLACE TEMP VIEW inventory_contrib AS SELECT cell, party_id, vol FROM estate_own;

CREATE OR REPLACE TEMP TABLE inventory_sec AS
WITH g AS (SELECT * FROM peer_groups('estate_own')),
gt AS (SELECT * FROM peer_groups('estate_type_own')),
-- a cell the month rule hides would follow from the type total minus the type's other cells, and the hidden cells
-- together may pass the rule: the reader gets none of the type's cells that month
cell_isolated AS (
  SELECT DISTINCT x.reader, concat_ws('|', n.role, n.device_type) AS type_cell
  FROM month_isolates('inventory_cell', 'estate_own') x JOIN estate_industry n ON n.cell = x.cell
)
SELECT pr.party_id AS reader, concat_ws('|', n.role, n.device_type) AS marginal, n.cell, o.vol, n.devices - coalesce(o.vol, 0) AS others_vol,
  -- hidden whole when the month rule isolates the type total or one of its cells (a party moving meters between
  -- firmware leaves its type total as it was)
  is_suppressed(pr.party_id, ot.vol, gt.n_parties, gt.total_vol, gt.top_parties, gt.top_vols) OR x.reader IS NOT NULL
    OR xc.reader IS NOT NULL AS parent_suppressed,
  is_suppressed(pr.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed, false AS secondary
FROM party_role pr JOIN estate_industry n ON n.role = pr.role
LEFT JOIN estate_own o ON o.cell = n.cell AND o.party_id = pr.party_id
LEFT JOIN estate_type_own ot ON ot.party_id = pr.party_id AND ot.role = n.role AND ot.device_type = n.device_type
LEFT JOIN g ON g.cell = n.cell
LEFT JOIN gt ON gt.cell = concat_ws('|', n.role, n.device_type)
LEFT JOIN month_isolates('inventory', 'estate_type_own') x ON x.reader = pr.party_id AND x.cell = concat_ws('|', n.role, n.device_type)
LEFT JOIN cell_isolated xc ON xc.reader = pr.party_id AND xc.type_cell = concat_ws('|', n.role, n.device_type);
