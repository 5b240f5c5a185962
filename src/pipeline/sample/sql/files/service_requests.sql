-- grain: one row per service request sent in month {{month}} (Europe/London)
-- Hot path: integers and epoch milliseconds throughout, one narrow pool lookup; text and timestamps only at the end.
WITH bau AS (
  SELECT i AS ord, h, {{monthStartMs}} + floor(uh(h, 2) * {{monthMs}})::BIGINT AS sent_ms
  FROM (SELECT i, rowhash({{monthKey}}, i) AS h FROM range({{requests}}) t(i))
),
bau_intents AS (
  SELECT 'R' || ({{monthKey}}::BIGINT * 1000000000 + b.ord)::VARCHAR AS request_id, b.h,
    CASE WHEN b.sent_ms >= p.gain_ms THEN p.party_after ELSE p.party_before END AS party_no,
    x.role, x.srv_no, CASE WHEN x.kind = '-' OR (x.non_device AND uh(b.h, 3) < 0.3) THEN NULL ELSE p.device_id END AS device_id,
    b.sent_ms, FALSE AS force_success, p.region_no, p.smets1, p.dev_fail, p.fail_mult, p.rtt_mult, x.median_s, x.base_fail,
    party_fail_of(CASE WHEN b.sent_ms >= p.gain_ms THEN p.party_after ELSE p.party_before END) AS party_fail
  FROM bau b
  JOIN month_mix x ON x.slot = floor(uh(b.h, 0) * 100000)::BIGINT AND x.pool_n > 0
  -- Addressed by gidx only, so the pool join can never fan out on (role, kind).
  JOIN pool p ON p.gidx = x.pool_first + floor(uh(b.h, 1) * x.pool_n)::BIGINT
),
journeys AS (
  SELECT 'J' || ({{monthKey}}::BIGINT * 10000000000 + jkey)::VARCHAR AS request_id, rowhash({{monthKey}}::BIGINT * 10 + 7, jkey) AS h,
    party_no, role, srv_no, device_id, sent_ms, force_success,
    region_no, smets1, dev_fail, fail_mult, rtt_mult, median_s, base_fail, party_fail
  FROM journey_intents
  WHERE sent_ms >= {{monthStartMs}} AND sent_ms < {{monthEndMs}}
),
intents AS (SELECT * FROM bau_intents UNION ALL SELECT * FROM journeys),
scored AS (
  SELECT r.*, coalesce(ih.rtt_factor, 1) AS inc_rtt,
    uh(r.h, 10) AS u_cv, uh(r.h, 11) AS u_out, uh(r.h, 12) AS u_nr, uh(r.h, 13) AS u_code, uh(r.h, 14) AS u_var,
    gauss(uh(r.h, 15), uh(r.h, 16)) AS z, uh(r.h, 17) AS u_tail, uh(r.h, 18) AS u_cap,
    least(0.9, r.base_fail * r.party_fail * r.fail_mult * coalesce(ih.fail_factor, 1)) AS p_fail
  FROM intents r
  LEFT JOIN incident_hours ih ON ih.region_hour = r.region_no * 1000000 + r.sent_ms // 3600000
),
outcomes AS (
  SELECT *, srv_of(srv_no) AS srv,
    CASE WHEN u_cv < 0.7 THEN 1 WHEN u_cv < 0.76 THEN 2 WHEN u_cv < 0.85 THEN 3 ELSE 4 + floor((u_cv - 0.85) / 0.15 * 5)::INT END AS command_variant,
    (NOT force_success AND u_out < p_fail * CASE WHEN u_cv >= 0.85 THEN 1.3 ELSE 1 END) AS failed,
    u_nr < CASE WHEN region_no = 0 THEN 0.35 ELSE 0.2 END AS silent,
    -- log-normal round trip; a small tail of hours; capped just under a day.
    least(86400 * (0.9 + 0.1 * u_cap),
      median_s * rtt_mult * inc_rtt * exp(1.05 * z) * CASE WHEN u_tail < 0.004 THEN 60 + u_tail * 100000 ELSE 1 END) AS rtt_s
  FROM scored
)
SELECT o.request_id, party_of(o.party_no) AS party_id, o.role, o.srv,
  CASE o.srv WHEN '1.6' THEN CASE WHEN o.u_var < 0.4 THEN 'Prepayment' ELSE 'Credit' END
    WHEN '6.15.2' THEN CASE WHEN o.u_var < 0.5 THEN 'DigitalSignature' ELSE 'KeyAgreement' END
    WHEN '6.17' THEN CASE WHEN o.u_var < 0.55 THEN 'DigitalSignature' ELSE 'KeyAgreement' END END AS variant,
  o.command_variant, o.device_id, ts(o.sent_ms) AS sent_at,
  CASE WHEN o.failed AND o.silent THEN NULL ELSE ts(o.sent_ms + floor(o.rtt_s * 1000)::BIGINT) END AS responded_at,
  CASE WHEN o.failed THEN 'failure' ELSE 'success' END AS outcome,
  CASE WHEN NOT o.failed THEN 'I0'
    WHEN o.silent THEN NULL
    WHEN o.u_code < CASE WHEN o.smets1 OR o.region_no = 0 THEN 0.4 ELSE 0.15 END
      THEN CASE WHEN o.dev_fail > 1.5 THEN 'E21' ELSE 'E20' END
    ELSE f.code END AS response_code
FROM outcomes o
LEFT JOIN fail_code_slots f ON f.srv_slot = o.srv_no * 1000 + floor(o.u_code * 1000)::BIGINT
