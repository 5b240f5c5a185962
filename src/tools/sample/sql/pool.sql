-- grain: one row per role, device kind and commissioned device of the window (who may send to it), whole window
-- Within a (role, kind) pool group devices come pre-window first, then by install time: the devices addressable in a
-- month are always the group's first n. group_no: the request mix group (role and kind addressed), if any.
CREATE OR REPLACE TABLE pool AS
WITH live AS (
  SELECT d.serial, d.pidx, d.kind, d.device_id, d.region_no, d.smets1, d.dev_fail, d.fail_mult, d.rtt_mult, epoch_ms(d.install_ts) AS install_ms,
    p.elec_party, p.new_elec, epoch_ms(p.gain_ts) AS gain_ms, p.gas_party, p.gas_moves, p.export_party, p.dno_party, p.has_export
  FROM devices_all d JOIN premises p USING (pidx)
  WHERE d.status = 'Commissioned'::device_status
),
-- Alert follow-ups need the premise's import supplier and its electricity meter.
premise_extra AS (
  SELECT p.pidx, ib.party_no AS imp_before, ia.party_no AS imp_after, CASE WHEN ia.party_no IS NOT NULL THEN epoch_ms(p.gain_ts) END AS imp_gain_ms,
    e.device_id AS esme_id
  FROM premises p JOIN devices_all e ON e.pidx = p.pidx AND e.kind = 'E'
  JOIN sample_parties ib ON ib.party_id = p.elec_party LEFT JOIN sample_parties ia ON ia.party_id = p.new_elec
),
addressed AS (
  SELECT 'IS' AS role, *, elec_party AS party_before, new_elec AS party_after FROM live WHERE kind IN ('E', 'C', 'H')
  UNION ALL SELECT 'GS', *, gas_party, CASE WHEN gas_moves THEN new_elec END FROM live WHERE kind IN ('G', 'P')
  UNION ALL SELECT 'ES', *, export_party, NULL FROM live WHERE kind = 'E' AND has_export AND export_party IS NOT NULL
  UNION ALL SELECT 'ED', *, dno_party, NULL FROM live WHERE kind IN ('E', 'C')
),
grouped AS (
  SELECT *, CASE role || kind WHEN 'EDC' THEN 0 WHEN 'EDE' THEN 1 WHEN 'ESE' THEN 2 WHEN 'GSG' THEN 3 WHEN 'GSP' THEN 4
    WHEN 'ISC' THEN 5 WHEN 'ISE' THEN 6 ELSE 7 END AS pool_group
  FROM addressed
),
-- Numbered on one integer key (group, install minute, serial): sorting the full rows or text keys costs far more.
numbered AS (
  SELECT pool_group, serial, row_number() OVER (ORDER BY pool_group * 1125899906842624
    + coalesce(1 + (install_ms - epoch_ms((SELECT window_start FROM window_bounds))) // 60000, 0) * 8388608 + serial) - 1 AS gidx
  FROM grouped
)
SELECT a.role, a.kind, n.gidx, a.install_ms, a.pool_group, g.group_no,
  -- How busy this device is for this role (log-normal, mean 1): the same in every month.
  exp(0.5 * gauss(u01('ac', a.serial, a.role, 0), u01('ac', a.serial, a.role, 1)) - 0.125) AS activity,
  pb.party_no AS party_before, pa.party_no AS party_after, CASE WHEN pa.party_no IS NOT NULL THEN a.gain_ms END AS gain_ms,
  a.device_id, a.region_no, a.smets1, a.dev_fail, a.fail_mult, a.rtt_mult,
  CASE WHEN a.role = 'ED' THEN x.imp_before END AS imp_before, CASE WHEN a.role = 'ED' THEN x.imp_after END AS imp_after,
  CASE WHEN a.role = 'ED' THEN x.imp_gain_ms END AS imp_gain_ms, CASE WHEN a.role = 'ED' AND a.kind = 'C' THEN x.esme_id END AS esme_id
FROM grouped a
JOIN numbered n ON n.pool_group = a.pool_group AND n.serial = a.serial
JOIN sample_parties pb ON pb.party_id = a.party_before
LEFT JOIN sample_parties pa ON pa.party_id = a.party_after
JOIN premise_extra x ON x.pidx = a.pidx
LEFT JOIN mix_groups g ON g.role = a.role AND g.pool_kind = a.kind
-- The monthly files are generated in this order (joins do not keep it, so it is stated).
ORDER BY gidx;
