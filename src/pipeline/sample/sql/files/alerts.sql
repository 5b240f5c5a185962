-- grain: one row per alert delivery raised in month {{month}} (Europe/London)
-- Times are epoch milliseconds until the final projection (see service_requests.sql).
WITH alert_mix(k, code, role, kind) AS (VALUES
  (0, 'N13', 'IS', 'E'), (1, 'N13', 'GS', 'G'), (2, 'N55', 'IS', 'E'), (3, 'N55', 'GS', 'G'), (4, 'N16', 'ED', 'E'), (5, 'AD1', 'ED', 'C')
),
base AS (
  SELECT i, h, x.code, x.role, x.kind,
    {{monthStartMs}} + floor(uh(h, 1) * {{monthMs}})::BIGINT AS raised_ms, uh(h, 2) AS u_dev, uh(h, 3) AS u_keep
  FROM (SELECT i, h, uh(h, 0) AS u FROM (SELECT i, rowhash({{monthKey}}::BIGINT * 10 + 3, i) AS h FROM range({{alerts}}) t(i)))
  JOIN alert_mix x ON x.k = CASE WHEN u < 0.30 THEN 0 WHEN u < 0.45 THEN 1 WHEN u < 0.55 THEN 2 WHEN u < 0.62 THEN 3 WHEN u < 0.84 THEN 4 ELSE 5 END
),
picked AS (
  SELECT b.*, p.device_id, p.pidx, p.region_no, p.smets1, p.dev_fail,
    CASE WHEN b.raised_ms >= p.gain_ms THEN p.party_after ELSE p.party_before END AS party_no
  FROM base b
  JOIN pool_sizes z ON z.role = b.role AND z.kind = b.kind
  JOIN pool p ON p.gidx = z.first + floor(b.u_dev * z.n)::BIGINT
  -- N13 (no response from the device) follows device health; N55 exists only for SMETS1.
  WHERE (b.code <> 'N13' OR b.u_keep < least(1, p.dev_fail * CASE WHEN p.region_no = 0 THEN 1.6 ELSE 1 END / 3))
    AND (b.code <> 'N55' OR p.smets1)
),
-- N16 to the DNO is followed by an N42 for the same device within 7 days, more or less often by import supplier.
n42 AS (
  SELECT k.i, k.h, 1 AS sub, 'N42' AS code, k.role, k.device_id, k.party_no, k.raised_ms + floor((0.05 + uh(k.h, 11) * 6.5) * 86400000)::BIGINT AS raised_ms
  FROM picked k JOIN premises pr ON pr.pidx = k.pidx
  JOIN sample_parties sp ON sp.party_id = CASE WHEN k.raised_ms >= epoch_ms(pr.gain_ts) THEN pr.new_elec ELSE pr.elec_party END
  WHERE k.code = 'N16' AND uh(k.h, 10) < sp.n42_follow
),
-- AD1 names the comms hub; restoration comes from the electricity meter at the same premise (or never).
restored AS (
  SELECT k.i, k.h, 2 AS sub, CASE WHEN uh(k.h, 21) < 0.7 THEN '0x8F35' ELSE '0x8F36' END AS code, k.role, e.device_id, k.party_no,
    k.raised_ms + floor(60000 * exp(3.5 + 1.3 * gauss(uh(k.h, 22), uh(k.h, 23))))::BIGINT AS raised_ms
  FROM picked k JOIN devices_all e ON e.pidx = k.pidx AND e.kind = 'E'
  WHERE k.code = 'AD1' AND uh(k.h, 20) < CASE WHEN k.region_no = 0 THEN 0.7 ELSE 0.88 END
),
deliveries AS (
  SELECT i, h, 0 AS sub, code, role, device_id, party_no, raised_ms FROM picked
  UNION ALL SELECT * FROM n42 WHERE raised_ms < {{monthEndMs}}
  UNION ALL SELECT * FROM restored WHERE raised_ms < {{monthEndMs}}
),
timed AS (
  SELECT d.*, uh(d.h, 30 + d.sub * 4) < alert_fail_of(d.party_no) AS failed,
    least(86000, 2 * exp(1.2 * gauss(uh(d.h, 31 + d.sub * 4), uh(d.h, 32 + d.sub * 4)))
      * CASE WHEN uh(d.h, 33 + d.sub * 4) < 0.003 THEN 500 ELSE 1 END) AS delay_s
  FROM deliveries d
)
SELECT 'A' || ({{monthKey}}::BIGINT * 100000000 + i)::VARCHAR || '-' || sub AS alert_id, code AS alert_code, party_of(party_no) AS party_id, role, device_id,
  ts(raised_ms) AS raised_at,
  CASE WHEN failed THEN NULL ELSE ts(raised_ms + floor(delay_s * 1000)::BIGINT) END AS delivered_at,
  CASE WHEN failed THEN 'failed' ELSE 'delivered' END AS outcome
FROM timed
ORDER BY i, sub
