-- grain: one row per reader party × role × srv report item × model or firmware slice of an item it sent (primary decision), and the slices it is made of
-- every dimension's slices of one item, own and industry: a missing value is named, never NULL; firmware is per model,
-- so a model's firmware slices add up to its model slice (`model_slice`); requests without a device record lack both
CREATE OR REPLACE TEMP TABLE rc_own AS
WITH base AS (
  -- grouped on the ENUMs, then turned into text
  SELECT item_id::VARCHAR AS item_id, role::VARCHAR AS role, party_id::VARCHAR AS party_id, model::VARCHAR AS model,
    firmware::VARCHAR AS firmware, meter_type::VARCHAR AS meter_type, region::VARCHAR AS region, smets::VARCHAR AS smets,
    requests, failures
  FROM (
    SELECT item_id, role, party_id, model, firmware, meter_type, region, smets, count(*) AS requests, count_if(NOT ok) AS failures
    FROM req_item GROUP BY ALL
  )
), sliced AS (
  SELECT item_id, role, party_id, requests, failures, unnest([
    {'dimension': 'model', 'slice': coalesce(model, 'Model not recorded'), 'model_slice': NULL, 'pair': NULL},
    {'dimension': 'firmware', 'slice': coalesce(model || ' / ' || firmware, 'Firmware not recorded'),
      'model_slice': coalesce(model, 'Model not recorded'), 'pair': to_json([model, firmware])::VARCHAR},
    {'dimension': 'meter_type', 'slice': coalesce(meter_type, 'Meter type not recorded'), 'model_slice': NULL, 'pair': NULL},
    {'dimension': 'region', 'slice': coalesce(region, 'Region not recorded'), 'model_slice': NULL, 'pair': NULL},
    {'dimension': 'smets', 'slice': coalesce(smets, 'SMETS not recorded'), 'model_slice': NULL, 'pair': NULL}
  ], recursive := true)
  FROM base
)
-- a firmware cell is keyed on its (model, firmware) pair, not its text: a name holding ' / ' cannot merge two slices
SELECT item_id, role, party_id, dimension, slice, concat_ws('|', item_id, role, dimension, coalesce(pair, slice)) AS cell, model_slice,
  sum(requests)::BIGINT AS vol, sum(failures)::BIGINT AS failures
FROM sliced GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE rc_industry AS
SELECT item_id, role, dimension, slice, cell, model_slice, sum(vol)::BIGINT AS requests, sum(failures)::BIGINT AS failures
FROM rc_own GROUP BY ALL;

-- model slices partition the item's monthly total, and each model's firmware slices its model slice: secondary
-- suppression as for item_daily, a firmware slice's parent being its model's (`parent_cell`: hidden from a reader,
-- it hides them all). Only readers that sent the item need decisions: nobody else gets a row of it.
CREATE OR REPLACE TEMP VIEW root_causes_contrib AS SELECT cell, party_id, vol FROM rc_own WHERE dimension IN ('model', 'firmware');

CREATE OR REPLACE TEMP TABLE root_causes_sec AS
WITH g AS (SELECT * FROM peer_groups('root_causes_contrib')),
readers AS (SELECT DISTINCT party_id, item_id, role FROM rc_own)
SELECT r.party_id AS reader, concat_ws('|', n.item_id, n.role, n.dimension, n.model_slice) AS marginal, n.cell, o.vol,
  n.requests - coalesce(o.vol, 0) AS others_vol, m.industry_status = 'suppressed' AS parent_suppressed,
  is_suppressed(r.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) AS suppressed, false AS secondary,
  CASE WHEN n.dimension = 'firmware' THEN concat_ws('|', n.item_id, n.role, 'model', n.model_slice) END AS parent_cell
FROM readers r
JOIN rc_industry n ON n.item_id = r.item_id AND n.role = r.role AND n.dimension IN ('model', 'firmware')
JOIN item_monthly m ON m.party_id = r.party_id AND m.role = r.role AND m.item_id = r.item_id
LEFT JOIN rc_own o ON o.cell = n.cell AND o.party_id = r.party_id
LEFT JOIN g ON g.cell = n.cell;
