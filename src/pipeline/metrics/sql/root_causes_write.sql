-- grain: one row per party × role × srv report item × dimension (model, firmware, meter type, region, SMETS) × slice it sent requests in
-- Meter type, region and SMETS slices are unions of item_daily cells, whose industry figures the reader already sees.
-- Such a slice is published only when its figure follows from item_daily: none of the item's hidden daily cells with
-- other parties in it lies in the slice, or all of them do (the slice is then the item total minus published cells).
-- Its rate then tells nothing item_daily does not, and no equation over rates and daily cells has a new unknown.
CREATE OR REPLACE TABLE root_causes AS
WITH g AS (SELECT * FROM peer_groups('rc_own')),
daily_hidden AS (
  SELECT s.reader, n.item_id::VARCHAR AS item_id, n.role::VARCHAR AS role, n.meter_type::VARCHAR AS meter_type,
    n.region::VARCHAR AS region, n.smets::VARCHAR AS smets, count(*) OVER (PARTITION BY s.reader, n.item_id, n.role) AS item_hidden
  FROM item_daily_sec s JOIN daily_industry n ON n.cell = s.cell
  WHERE s.suppressed AND s.others_vol > 0
),
hidden_slice AS (
  SELECT reader, item_id, role, dimension, slice, count(*) AS hidden, any_value(item_hidden) AS item_hidden FROM (
    SELECT reader, item_id, role, item_hidden, unnest([
      {'dimension': 'meter_type', 'slice': coalesce(meter_type, 'Meter type not recorded')},
      {'dimension': 'region', 'slice': coalesce(region, 'Region not recorded')},
      {'dimension': 'smets', 'slice': coalesce(smets, 'SMETS not recorded')}
    ], recursive := true)
    FROM daily_hidden
  ) GROUP BY ALL
),
decided AS (
  -- as a peer's rate, an others' rate from fewer than minPeerVolume requests could be worked back into counts
  SELECT o.*, m.industry_status = 'suppressed' OR g.total_vol - o.vol < {{minPeerVolume}}
    OR CASE WHEN o.dimension IN ('model', 'firmware') THEN s.suppressed
    ELSE coalesce(h.hidden < h.item_hidden, false) OR is_suppressed(o.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) END AS suppressed
  FROM rc_own o
  JOIN item_monthly m ON m.party_id = o.party_id AND m.role = o.role AND m.item_id = o.item_id
  LEFT JOIN root_causes_sec s ON s.reader = o.party_id AND s.cell = o.cell
  LEFT JOIN hidden_slice h ON h.reader = o.party_id AND h.item_id = o.item_id AND h.role = o.role AND h.dimension = o.dimension AND h.slice = o.slice
  LEFT JOIN g ON g.cell = o.cell
),
rated AS (
  SELECT d.party_id, d.role, i.business_process, d.item_id, i.srv, d.dimension, d.slice, d.model_slice AS model, d.vol AS requests, d.failures,
    d.failures / d.vol AS failure_rate, d.suppressed,
    -- the others' rate: the reader's own requests are not part of what it is compared with. Rounded as peer rates
    -- are: the exact quotient of two counts gives the reduced fraction, and so the slice's volume
    CASE WHEN NOT d.suppressed THEN round_share(n.failures - d.failures, n.requests - d.vol) END AS industry_failure_rate
  FROM decided d
  JOIN rc_industry n ON n.cell = d.cell
  JOIN report_item_srv i ON i.item_id = d.item_id AND i.kind = 'srv'
)
SELECT party_id, role, business_process, item_id, srv, dimension, slice, model, requests, failures, failure_rate,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status, industry_failure_rate,
  requests * industry_failure_rate AS expected_failures, failures - requests * industry_failure_rate AS excess_failures,
  CASE WHEN NOT suppressed THEN rank() OVER (PARTITION BY party_id, role, item_id, dimension, suppressed
    ORDER BY failures - requests * industry_failure_rate DESC) END AS excess_rank
FROM rated;
