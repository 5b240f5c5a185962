-- grain: one row per alert delivery raised in month {{month}} (Europe/London)
WITH alert_mix(code, role, kind, lo, hi) AS (VALUES
  ('N13', 'IS', 'E', 0.00, 0.30), ('N13', 'GS', 'G', 0.30, 0.45), ('N55', 'IS', 'E', 0.45, 0.55),
  ('N55', 'GS', 'G', 0.55, 0.62), ('N16', 'ED', 'E', 0.62, 0.84), ('AD1', 'ED', 'C', 0.84, 1.00)
),
base AS (
  SELECT i, h, x.code, x.role, x.kind,
    TIMESTAMPTZ '{{monthStart}}' + ms(uh(h, 1) * {{monthMs}}) AS raised_at, uh(h, 2) AS u_dev, uh(h, 3) AS u_keep
  FROM (SELECT i, rowhash({{monthKey}} * 10 + 3, i) AS h FROM range({{alerts}}) t(i))
  JOIN alert_mix x ON uh(h, 0) >= x.lo AND uh(h, 0) < x.hi
),
picked AS (
  SELECT b.*, p.device_id, p.pidx, p.region, p.smets, p.dev_fail,
    CASE WHEN p.gain_ts IS NOT NULL AND b.raised_at >= p.gain_ts THEN p.party_after ELSE p.party_before END AS party_id
  FROM base b
  JOIN pool_sizes z ON z.role = b.role AND z.kind = b.kind
  JOIN pool p ON p.gidx = z.first + floor(b.u_dev * z.n)::BIGINT
  -- N13 (no response from the device) follows device health; N55 exists only for SMETS1.
  WHERE (b.code <> 'N13' OR b.u_keep < least(1, p.dev_fail * CASE p.region WHEN 'North' THEN 1.6 ELSE 1 END / 3))
    AND (b.code <> 'N55' OR p.smets = 'SMETS1')
),
-- N16 to the DNO is followed by an N42 for the same device within 7 days, more or less often by import supplier.
n42 AS (
  SELECT k.i, k.h, 1 AS sub, 'N42' AS code, k.role, k.device_id, k.party_id, k.raised_at + ms((0.05 + uh(k.h, 11) * 6.5) * 86400000) AS raised_at
  FROM picked k JOIN premises pr ON pr.pidx = k.pidx
  JOIN sample_parties sp ON sp.party_id = CASE WHEN pr.gain_ts IS NOT NULL AND k.raised_at >= pr.gain_ts THEN pr.new_elec ELSE pr.elec_party END
  WHERE k.code = 'N16' AND uh(k.h, 10) < sp.n42_follow
),
-- AD1 names the comms hub; restoration comes from the electricity meter at the same premise (or never).
restored AS (
  SELECT k.i, k.h, 2 AS sub, CASE WHEN uh(k.h, 21) < 0.7 THEN '0x8F35' ELSE '0x8F36' END AS code, k.role, e.device_id, k.party_id,
    k.raised_at + ms(60000 * exp(3.5 + 1.3 * gauss(uh(k.h, 22), uh(k.h, 23)))) AS raised_at
  FROM picked k JOIN devices_all e ON e.pidx = k.pidx AND e.kind = 'E'
  WHERE k.code = 'AD1' AND uh(k.h, 20) < CASE k.region WHEN 'North' THEN 0.7 ELSE 0.88 END
),
deliveries AS (
  SELECT i, h, 0 AS sub, code, role, device_id, party_id, raised_at FROM picked
  UNION ALL SELECT * FROM n42 WHERE raised_at < TIMESTAMPTZ '{{monthEnd}}'
  UNION ALL SELECT * FROM restored WHERE raised_at < TIMESTAMPTZ '{{monthEnd}}'
),
timed AS (
  SELECT d.*, uh(d.h, 30 + d.sub * 4) < sp.alert_fail_share AS failed,
    least(86000, 2 * exp(1.2 * gauss(uh(d.h, 31 + d.sub * 4), uh(d.h, 32 + d.sub * 4)))
      * CASE WHEN uh(d.h, 33 + d.sub * 4) < 0.003 THEN 500 ELSE 1 END) AS delay_s
  FROM deliveries d JOIN sample_parties sp USING (party_id)
)
SELECT 'A' || '{{monthKey}}' || lpad(i::VARCHAR, 8, '0') || '-' || sub AS alert_id, code AS alert_code, party_id, role, device_id, raised_at,
  CASE WHEN failed THEN NULL ELSE raised_at + ms(delay_s * 1000) END AS delivered_at,
  CASE WHEN failed THEN 'failed' ELSE 'delivered' END AS outcome
FROM timed
ORDER BY i, sub
