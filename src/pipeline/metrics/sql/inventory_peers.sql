-- grain: one row per party × role × device type × model × anonymised other party × firmware: that party's firmware share of the model (cells that pass disclosure only)
CREATE OR REPLACE TEMP TABLE model_own AS
SELECT party_id, role, device_type, model, concat_ws('|', role, device_type, model) AS cell, count(*) AS vol
FROM estate GROUP BY ALL;

CREATE OR REPLACE TABLE inventory_peers AS
WITH g AS (SELECT * FROM peer_groups('model_own')),
shown AS (
  SELECT pr.party_id, m.role, m.device_type, m.model
  FROM party_role pr
  JOIN (SELECT DISTINCT role, device_type, model, cell FROM model_own) m ON m.role = pr.role
  JOIN g ON g.cell = m.cell
  LEFT JOIN model_own o ON o.cell = m.cell AND o.party_id = pr.party_id
  WHERE NOT is_suppressed(pr.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols)
), peer_firmware AS (
  SELECT e.party_id AS peer_id, e.role, e.device_type, e.model, e.firmware, e.vol / m.vol AS share
  FROM estate_own e JOIN model_own m USING (party_id, role, device_type, model)
)
-- peers are numbered in an order unrelated to size or name, different for every recipient and model
SELECT s.party_id, s.role, s.device_type, s.model,
  CAST(dense_rank() OVER (PARTITION BY s.party_id, s.role, s.device_type, s.model ORDER BY hash(s.party_id, f.peer_id, s.model), f.peer_id) AS INTEGER) AS peer,
  f.firmware, f.share
FROM shown s
JOIN peer_firmware f ON f.role = s.role AND f.device_type = s.device_type AND f.model = s.model AND f.peer_id <> s.party_id;
