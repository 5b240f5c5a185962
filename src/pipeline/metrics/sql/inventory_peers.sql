-- grain: one row per party × role × device type × model × anonymised other party × firmware: that party's firmware share of the model, rounded
-- (cells that pass disclosure only, other parties with at least minPeerVolume devices of the model)
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
), hidden_model AS (
  -- a model with a firmware cell hidden from the reader is left out: its peers' shares would split what the
  -- type total minus the published cells leaves hidden
  SELECT DISTINCT v.reader AS party_id, n.role, n.device_type, n.model
  FROM inventory_sec v JOIN estate_industry n ON n.cell = v.cell
  WHERE v.suppressed AND v.others_vol > 0
), peer_firmware AS (
  SELECT e.party_id AS peer_id, e.role, e.device_type, e.model, e.firmware, e.vol, m.vol AS model_vol
  FROM estate_own e JOIN model_own m USING (party_id, role, device_type, model)
), seen AS (
  SELECT s.party_id, s.role, s.device_type, s.model, f.peer_id, f.firmware, f.vol, f.model_vol
  FROM shown s
  JOIN peer_firmware f ON f.role = s.role AND f.device_type = s.device_type AND f.model = s.model AND f.peer_id <> s.party_id
  ANTI JOIN hidden_model h ON h.party_id = s.party_id AND h.role = s.role AND h.device_type = s.device_type AND h.model = s.model
  WHERE f.model_vol >= {{minPeerVolume}}
)
-- peers are numbered in an order unrelated to size or name, different for every month, recipient and model;
-- shares are rounded as the league tables are, so no share gives a peer's device counts
SELECT party_id, role, device_type, model,
  CAST(dense_rank() OVER (PARTITION BY party_id, role, device_type, model ORDER BY hash('{{month}}', party_id, peer_id, model), peer_id) AS INTEGER) AS peer,
  firmware, round_share(vol, model_vol) AS share
FROM seen
-- fewer listed peers than a peer statistic needs is no comparison: the model is left out
QUALIFY count(DISTINCT peer_id) OVER (PARTITION BY party_id, role, device_type, model) >= {{minOtherParties}};
