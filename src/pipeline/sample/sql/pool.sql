-- grain: one row per role, device kind and addressable device in month {{month}} (who may send to it, dense index)
-- Kept narrow (numbers, one device id): every request of the month looks one row up here by gidx.
CREATE OR REPLACE TABLE pool AS
WITH live AS (
  SELECT d.serial, d.pidx, d.kind, d.device_id, d.region_no, d.smets1, d.dev_fail, d.fail_mult, d.rtt_mult,
    p.elec_party, p.new_elec, epoch_ms(p.gain_ts) AS gain_ms, p.gas_party, p.gas_moves, p.export_party, p.dno_party, p.has_export
  FROM devices_all d JOIN premises p USING (pidx)
  WHERE d.status = 'Commissioned' AND (d.install_ts IS NULL OR d.install_ts < TIMESTAMPTZ '{{monthStart}}')
),
addressed AS (
  SELECT 'IS' AS role, *, elec_party AS party_before, new_elec AS party_after FROM live WHERE kind IN ('E', 'C', 'H')
  UNION ALL SELECT 'GS', *, gas_party, CASE WHEN gas_moves THEN new_elec END FROM live WHERE kind IN ('G', 'P')
  UNION ALL SELECT 'ES', *, export_party, NULL FROM live WHERE kind = 'E' AND has_export AND export_party IS NOT NULL
  UNION ALL SELECT 'ED', *, dno_party, NULL FROM live WHERE kind IN ('E', 'C')
)
SELECT a.role, a.kind, row_number() OVER (ORDER BY a.role, a.kind, a.serial) - 1 AS gidx,
  pb.party_no AS party_before, pa.party_no AS party_after, CASE WHEN pa.party_no IS NOT NULL THEN a.gain_ms END AS gain_ms,
  a.device_id, a.pidx::INTEGER AS pidx, a.region_no, a.smets1, a.dev_fail, a.fail_mult, a.rtt_mult
FROM addressed a
JOIN sample_parties pb ON pb.party_id = a.party_before
LEFT JOIN sample_parties pa ON pa.party_id = a.party_after;

-- Requests address the pool by gidx = first + floor(u * n) only, so the join can never fan out on (role, kind).
CREATE OR REPLACE TABLE pool_sizes AS SELECT role, kind, min(gidx) AS first, count(*) AS n FROM pool GROUP BY role, kind;

-- A device kind no-one can address this month (e.g. no export premises yet) simply gets no traffic.
CREATE OR REPLACE TABLE month_mix AS
SELECT s.slot, s.srv_no, s.role, s.kind, s.non_device, coalesce(z.n, 0) AS pool_n, z.first AS pool_first, m.median_s, m.base_fail
FROM mix_slots s JOIN srv_mix m USING (srv) LEFT JOIN pool_sizes z ON z.role = s.role AND z.kind = (CASE WHEN s.kind = '-' THEN 'E' ELSE s.kind END);
