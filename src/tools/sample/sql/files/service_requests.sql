-- grain: one row per service request sent in month {{month}} (Europe/London)
-- Hot path: integers and epoch milliseconds; each device's requests are drawn next to it (in device order) and
-- every choice is one lookup in a short literal list, cheaper than a join.
-- Request ids: yymm and an 8-digit number (12 characters, kept inline by DuckDB): requests in file order, then
-- journeys from 90 000 000, covering requests from 99 000 000.
WITH bau AS (
  SELECT *, rowhash({{monthKey}}, gidx * 1000 + j) AS h, row_number() OVER () - 1 AS ord
  FROM (SELECT *, unnest(range(k)) AS j FROM senders_{{monthKey}})
),
picked AS (
  SELECT * EXCLUDE (slot), srv_pick(slot, uh(h, 5)) AS srv_code FROM (SELECT * EXCLUDE (group_no, gidx, k, j), srv_slot(group_no, uh(h, 0)) AS slot FROM bau)
  UNION ALL BY NAME
  SELECT * FROM month_cover_{{monthKey}}
),
timed AS (
  SELECT *, {{monthStartMs}} + hour_{{monthKey}}_pick(hslot, uh(h, 6)) * 3600000 + floor(uh(h, 2) * 3600000)::BIGINT AS sent_ms
  FROM (SELECT *, srv_code // 4 AS srv_no, hour_{{monthKey}}_slot(0, uh(h, 4)) AS hslot FROM picked)
),
bau_intents AS (
  SELECT (({{monthKey}} % 10000)::BIGINT * 100000000 + ord)::VARCHAR AS request_id, h,
    CASE WHEN sent_ms >= gain_ms THEN party_id_after ELSE party_id_before END AS party_id,
    -- srv_code: + 2 when no device is addressed, + 1 when the device is optional.
    role, srv_no, CASE WHEN srv_code % 4 >= 2 OR (srv_code % 2 = 1 AND uh(h, 3) < 0.3) THEN NULL ELSE device_id END AS device_id,
    sent_ms, FALSE AS force_success, region_no, smets1, dev_fail, fail_mult, rtt_mult, median_of(srv_no) AS median_s,
    base_fail_of(srv_no) AS base_fail, CASE WHEN sent_ms >= gain_ms THEN party_fail_after ELSE party_fail_before END AS party_fail
  FROM timed
),
journeys AS (
  SELECT (({{monthKey}} % 10000)::BIGINT * 100000000 + 90000000 + row_number() OVER () - 1)::VARCHAR AS request_id,
    rowhash({{monthKey}}::BIGINT * 10 + 7, jkey) AS h,
    party_of(party_no) AS party_id, role, srv_no, device_id, sent_ms, force_success,
    region_no, smets1, dev_fail, fail_mult, rtt_mult, median_s, base_fail, party_fail
  FROM journey_intents
  WHERE sent_ms >= {{monthStartMs}} AND sent_ms < {{monthEndMs}}
),
intents AS (SELECT * FROM bau_intents UNION ALL SELECT * FROM journeys),
-- Incidents: category 1 (worst) to 5 raise failures and slow answers in their regions and hours.
scored AS (
  SELECT r.*, CASE r.inc WHEN 0 THEN 1 WHEN 1 THEN 4 WHEN 2 THEN 2.5 WHEN 3 THEN 1.5 WHEN 4 THEN 1.1 ELSE 1 END AS inc_rtt,
    uh(r.h, 10) AS u_cv, uh(r.h, 11) AS u_out, uh(r.h, 12) AS u_nr, gauss(uh(r.h, 15), uh(r.h, 16)) AS z, uh(r.h, 17) AS u_tail,
    least(0.9, r.base_fail * r.party_fail * r.fail_mult
      * CASE r.inc WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 5 WHEN 3 THEN 2 WHEN 4 THEN 1.3 ELSE 1.1 END) AS p_fail
  FROM (SELECT *, inc_category_{{monthKey}}(region_no, sent_ms) AS inc FROM intents) r
),
outcomes AS (
  SELECT *, srv_of(srv_no) AS srv,
    CASE WHEN u_cv < 0.7 THEN 1 WHEN u_cv < 0.76 THEN 2 WHEN u_cv < 0.85 THEN 3 ELSE 4 + floor((u_cv - 0.85) / 0.15 * 5)::INT END AS command_variant,
    (NOT force_success AND u_out < p_fail * CASE WHEN u_cv >= 0.85 THEN 1.3 ELSE 1 END) AS failed,
    u_nr < CASE WHEN region_no = 0 THEN 0.35 ELSE 0.2 END AS silent,
    -- log-normal round trip; a small tail of hours; capped just under a day.
    median_s * rtt_mult * inc_rtt * exp(1.05 * z) * CASE WHEN u_tail < 0.004 THEN 60 + u_tail * 100000 ELSE 1 END AS rtt_raw
  FROM scored
)
SELECT o.request_id, o.party_id, o.role, o.srv,
  -- Uniforms only some rows need are drawn inside their branch.
  CASE o.srv WHEN '1.6'::srv_code THEN CASE WHEN uh(o.h, 14) < 0.4 THEN 'Prepayment'::request_variant ELSE 'Credit'::request_variant END
    WHEN '6.15.2'::srv_code THEN CASE WHEN uh(o.h, 14) < 0.5 THEN 'DigitalSignature'::request_variant ELSE 'KeyAgreement'::request_variant END
    WHEN '6.17'::srv_code THEN CASE WHEN uh(o.h, 14) < 0.55 THEN 'DigitalSignature'::request_variant ELSE 'KeyAgreement'::request_variant END
    END AS variant,
  o.command_variant, o.device_id, ts(o.sent_ms) AS sent_at,
  CASE WHEN o.failed AND o.silent THEN NULL
    ELSE ts(o.sent_ms + floor(CASE WHEN o.rtt_raw < 77760 THEN o.rtt_raw ELSE least(o.rtt_raw, 86400 * (0.9 + 0.1 * uh(o.h, 18))) END * 1000)::BIGINT)
    END AS responded_at,
  CASE WHEN o.failed THEN 'failure'::request_outcome ELSE 'success'::request_outcome END AS outcome,
  CASE WHEN NOT o.failed THEN 'I0'::response_code
    WHEN o.silent THEN NULL
    WHEN uh(o.h, 13) < CASE WHEN o.smets1 OR o.region_no = 0 THEN 0.4 ELSE 0.15 END
      THEN CASE WHEN o.dev_fail > 1.5 THEN 'E21'::response_code ELSE 'E20'::response_code END
    ELSE code_of(fail_code_pick(o.fslot, uh(o.h, 20))) END AS response_code
FROM (SELECT *, CASE WHEN failed THEN fail_code_slot(srv_no, uh(h, 19)) END AS fslot FROM outcomes) o
