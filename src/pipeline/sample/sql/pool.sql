-- grain: one row per role, device kind and addressable device in month {{month}} (who may send to it, dense index)
CREATE OR REPLACE TABLE pool AS
WITH live AS (
  SELECT d.*, p.elec_party, p.new_elec, p.gain_ts, p.gas_party, p.gas_moves, p.export_party, p.dno_party, p.has_export
  FROM devices_all d JOIN premises p USING (pidx)
  WHERE d.status = 'Commissioned' AND (d.install_ts IS NULL OR d.install_ts < TIMESTAMPTZ '{{monthStart}}')
),
addressed AS (
  SELECT 'IS' AS role, kind, serial, elec_party AS party_before, new_elec AS party_after, gain_ts FROM live WHERE kind IN ('E', 'C', 'H')
  UNION ALL SELECT 'GS', kind, serial, gas_party, CASE WHEN gas_moves THEN new_elec END, CASE WHEN gas_moves THEN gain_ts END
    FROM live WHERE kind IN ('G', 'P')
  UNION ALL SELECT 'ES', kind, serial, export_party, NULL, NULL FROM live WHERE kind = 'E' AND has_export AND export_party IS NOT NULL
  UNION ALL SELECT 'ED', kind, serial, dno_party, NULL, NULL FROM live WHERE kind IN ('E', 'C')
)
SELECT a.role, a.kind, row_number() OVER (ORDER BY a.role, a.kind, a.serial) - 1 AS gidx,
  a.party_before, a.party_after, a.gain_ts, d.device_id, d.pidx, d.region, d.smets, d.dev_fail, d.dev_rtt,
  d.fail_mult, d.rtt_mult, pb.fail_factor AS party_fail_before, pa.fail_factor AS party_fail_after
FROM addressed a JOIN devices_all d USING (serial)
JOIN sample_parties pb ON pb.party_id = a.party_before
LEFT JOIN sample_parties pa ON pa.party_id = a.party_after;

-- Requests address the pool by gidx = first + floor(u * n) only, so the join can never fan out on (role, kind).
CREATE OR REPLACE TABLE pool_sizes AS SELECT role, kind, min(gidx) AS first, count(*) AS n FROM pool GROUP BY role, kind;

-- A device kind no-one can address this month (e.g. no export premises yet) simply gets no traffic.
CREATE OR REPLACE TABLE month_mix AS
SELECT s.slot, s.srv, s.role, s.kind, s.non_device, coalesce(z.n, 0) AS pool_n, z.first AS pool_first, m.median_s, m.base_fail
FROM mix_slots s JOIN srv_mix m USING (srv) LEFT JOIN pool_sizes z ON z.role = s.role AND z.kind = (CASE WHEN s.kind = '-' THEN 'E' ELSE s.kind END);
