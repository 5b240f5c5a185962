-- grain: one row per alert delivery raised in month {{month}} (Europe/London)
-- Drawn per addressable device like the requests, follow-ups unnested next to their alert: no lookup per alert, no sort.
-- Each device has {{alertSlots}} alert numbers, at most {{alertCap}} per code (9 and 20 unless a higher alert volume is asked for).
-- Alerts per device and code: N13 (no response from the device) follows device health; N55 exists only for SMETS1.
-- A distributor gets N16 (meters) or AD1 (hubs) first, and for its meters fewer N13 (SMETS2) or N55 (SMETS1).
WITH grouped AS (
  SELECT *,
    CASE WHEN role IN ('IS', 'GS') THEN 'N13'::alert_code WHEN kind = 'E' THEN 'N16'::alert_code ELSE 'AD1'::alert_code END AS code_a,
    CASE WHEN role = 'ED' AND NOT smets1 THEN 'N13'::alert_code ELSE 'N55'::alert_code END AS code_b,
    CASE WHEN role = 'IS' THEN 0.30 WHEN role = 'GS' THEN 0.15 WHEN kind = 'E' THEN 0.22 ELSE 0.16 END AS share_a,
    CASE WHEN role = 'IS' THEN 0.10 WHEN role = 'GS' THEN 0.07 WHEN kind = 'E' THEN 0.04 ELSE 0 END AS share_b,
    {{alerts}} / pool_n_{{monthKey}}(pool_group) AS per_device
  FROM pool
  WHERE ((role = 'IS' AND kind = 'E') OR (role = 'GS' AND kind = 'G') OR (role = 'ED' AND kind IN ('E', 'C')))
    AND (install_ms IS NULL OR install_ms < {{monthStartMs}})
),
rated AS (
  SELECT *,
    least({{alertCap}}, floor(per_device * share_a
      * CASE WHEN role IN ('IS', 'GS') THEN least(1, dev_fail * CASE WHEN region_no = 0 THEN 1.6 ELSE 1 END / 3) ELSE 1 END
      + u01('ak', {{monthKey}}, gidx, 0)))::INTEGER AS k_a,
    least({{alertCap}}, floor(per_device * share_b * (smets1 OR role = 'ED')::INTEGER + u01('ak', {{monthKey}}, gidx, 1)))::INTEGER AS k_b
  FROM grouped
),
picked AS (
  SELECT *, CASE WHEN ord - gidx * {{alertSlots}} < k_a THEN code_a ELSE code_b END AS code,
    CASE WHEN raised_ms >= gain_ms THEN party_after ELSE party_before END AS party_no
  FROM (
    SELECT *, {{monthStartMs}} + floor(uh(h, 1) * {{monthMs}})::BIGINT AS raised_ms
    FROM (SELECT *, rowhash({{monthKey}}::BIGINT * 10 + 3, ord) AS h
      FROM (SELECT *, unnest(range(gidx * {{alertSlots}}, gidx * {{alertSlots}} + k_a + k_b)) AS ord FROM rated WHERE k_a + k_b > 0))
  )
),
-- N16 to the DNO is followed by an N42 for the same device within 7 days, more or less often by import supplier.
-- AD1 names the comms hub; restoration comes from the electricity meter at the same premise (or never).
followed AS (
  SELECT *,
    CASE WHEN code = 'N16'::alert_code
      AND uh(h, 10) < n42_follow_of(CASE WHEN raised_ms >= imp_gain_ms THEN imp_after ELSE imp_before END)
      THEN raised_ms + floor((0.05 + uh(h, 11) * 6.5) * 86400000)::BIGINT END AS n42_ms,
    CASE WHEN code = 'AD1'::alert_code AND uh(h, 20) < CASE WHEN region_no = 0 THEN 0.7 ELSE 0.88 END
      THEN raised_ms + floor(60000 * exp(3.5 + 1.3 * gauss(uh(h, 22), uh(h, 23))))::BIGINT END AS restored_ms
  FROM picked
),
deliveries AS (
  SELECT ord, h, sub, role::role_code AS role, party_no,
    CASE sub WHEN 0 THEN code WHEN 1 THEN 'N42'::alert_code
      ELSE CASE WHEN uh(h, 21) < 0.7 THEN '0x8F35'::alert_code ELSE '0x8F36'::alert_code END END AS code,
    CASE WHEN sub = 2 THEN esme_id ELSE device_id END AS device_id,
    CASE sub WHEN 0 THEN raised_ms WHEN 1 THEN n42_ms ELSE restored_ms END AS raised_ms
  FROM (
    SELECT *, unnest(CASE WHEN n42_ms < {{monthEndMs}} THEN [0, 1] WHEN restored_ms < {{monthEndMs}} THEN [0, 2] ELSE [0] END) AS sub
    FROM followed
  )
),
timed AS (
  SELECT d.*, uh(d.h, 30 + d.sub * 4) < alert_fail_of(d.party_no) AS failed,
    least(86000, 2 * exp(1.2 * gauss(uh(d.h, 31 + d.sub * 4), uh(d.h, 32 + d.sub * 4)))
      * CASE WHEN uh(d.h, 33 + d.sub * 4) < 0.003 THEN 500 ELSE 1 END) AS delay_s
  FROM deliveries d
)
-- Alert ids: yymm and an 8-digit number in file order (12 characters, kept inline by DuckDB).
SELECT (({{monthKey}} % 10000)::BIGINT * 100000000 + row_number() OVER () - 1)::VARCHAR AS alert_id, code AS alert_code, party_of(party_no) AS party_id,
  role, device_id, ts(raised_ms) AS raised_at,
  CASE WHEN failed THEN NULL ELSE ts(raised_ms + floor(delay_s * 1000)::BIGINT) END AS delivered_at,
  CASE WHEN failed THEN 'failed'::alert_outcome ELSE 'delivered'::alert_outcome END AS outcome
FROM timed
