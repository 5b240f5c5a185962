-- grain: one row per service request sent in month {{month}} (Europe/London)
WITH bau AS (
  SELECT i AS ord, rowhash({{monthKey}}, i) AS h FROM range({{requests}}) t(i)
),
bau_intents AS (
  SELECT 'R' || '{{monthKey}}' || lpad(b.ord::VARCHAR, 9, '0') AS request_id, b.ord, b.h,
    CASE WHEN p.gain_ts IS NOT NULL AND b.sent_at >= p.gain_ts THEN p.party_after ELSE p.party_before END AS party_id,
    x.role, x.srv, CASE WHEN x.kind = '-' OR (x.non_device AND uh(b.h, 3) < 0.3) THEN NULL ELSE p.device_id END AS device_id,
    b.sent_at, FALSE AS force_success, p.region, p.smets, p.dev_fail, p.fail_mult, p.rtt_mult, x.median_s, x.base_fail,
    CASE WHEN p.gain_ts IS NOT NULL AND b.sent_at >= p.gain_ts THEN p.party_fail_after ELSE p.party_fail_before END AS party_fail
  FROM (SELECT *, TIMESTAMPTZ '{{monthStart}}' + ms(uh(h, 2) * {{monthMs}}) AS sent_at FROM bau) b
  JOIN month_mix x ON x.slot = floor(uh(b.h, 0) * 100000)::BIGINT AND x.pool_n > 0
  -- Addressed by gidx only, so the pool join can never fan out on (role, kind).
  JOIN pool p ON p.gidx = x.pool_first + floor(uh(b.h, 1) * x.pool_n)::BIGINT
),
journeys AS (
  SELECT 'J' || '{{monthKey}}' || lpad(jkey::VARCHAR, 10, '0') AS request_id, 1000000000000 + jkey AS ord,
    rowhash({{monthKey}} * 10 + 7, jkey) AS h, party_id, role, srv, device_id, sent_at, force_success,
    region, smets, dev_fail, fail_mult, rtt_mult, median_s, base_fail, party_fail
  FROM journey_intents
  WHERE sent_at >= TIMESTAMPTZ '{{monthStart}}' AND sent_at < TIMESTAMPTZ '{{monthEnd}}'
),
intents AS (SELECT * FROM bau_intents UNION ALL SELECT * FROM journeys),
scored AS (
  SELECT r.*, coalesce(ih.rtt_factor, 1) AS inc_rtt,
    uh(r.h, 10) AS u_cv, uh(r.h, 11) AS u_out, uh(r.h, 12) AS u_nr, uh(r.h, 13) AS u_code, uh(r.h, 14) AS u_var,
    gauss(uh(r.h, 15), uh(r.h, 16)) AS z, uh(r.h, 17) AS u_tail, uh(r.h, 18) AS u_cap,
    least(0.9, r.base_fail * r.party_fail * r.fail_mult * coalesce(ih.fail_factor, 1)) AS p_fail
  FROM intents r
  LEFT JOIN incident_hours ih ON ih.region = r.region AND ih.hour_idx = epoch_ms(r.sent_at) // 3600000
),
outcomes AS (
  SELECT *,
    CASE WHEN u_cv < 0.7 THEN 1 WHEN u_cv < 0.76 THEN 2 WHEN u_cv < 0.85 THEN 3 ELSE 4 + floor((u_cv - 0.85) / 0.15 * 5)::INT END AS command_variant,
    (NOT force_success AND u_out < p_fail * CASE WHEN u_cv >= 0.85 THEN 1.3 ELSE 1 END) AS failed,
    u_nr < CASE region WHEN 'North' THEN 0.35 ELSE 0.2 END AS silent,
    -- log-normal round trip; a small tail of hours; capped just under a day.
    least(86400 * (0.9 + 0.1 * u_cap),
      median_s * rtt_mult * inc_rtt * exp(1.05 * z) * CASE WHEN u_tail < 0.004 THEN 60 + u_tail * 100000 ELSE 1 END) AS rtt_s
  FROM scored
)
SELECT o.request_id, o.party_id, o.role, o.srv,
  CASE o.srv WHEN '1.6' THEN CASE WHEN o.u_var < 0.4 THEN 'Prepayment' ELSE 'Credit' END
    WHEN '6.15.2' THEN CASE WHEN o.u_var < 0.5 THEN 'DigitalSignature' ELSE 'KeyAgreement' END
    WHEN '6.17' THEN CASE WHEN o.u_var < 0.55 THEN 'DigitalSignature' ELSE 'KeyAgreement' END END AS variant,
  o.command_variant, o.device_id, o.sent_at,
  CASE WHEN o.failed AND o.silent THEN NULL ELSE o.sent_at + ms(o.rtt_s * 1000) END AS responded_at,
  CASE WHEN o.failed THEN 'failure' ELSE 'success' END AS outcome,
  CASE WHEN NOT o.failed THEN 'I0'
    WHEN o.silent THEN NULL
    WHEN o.u_code < CASE WHEN o.smets = 'SMETS1' OR o.region = 'North' THEN 0.4 ELSE 0.15 END
      THEN CASE WHEN o.dev_fail > 1.5 THEN 'E21' ELSE 'E20' END
    ELSE f.code END AS response_code
FROM outcomes o
LEFT JOIN fail_code_slots f ON f.srv = o.srv AND f.slot = floor(o.u_code * 1000)::BIGINT
