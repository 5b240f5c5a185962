-- grain: one row per pool group, device sending requests, covering request and local hour of month {{month}}
-- Tables the month's files read carry the month in their name: the months' files are written concurrently.
-- Devices addressable in the month: installed before it starts (the first n of their pool group).
CREATE OR REPLACE TABLE pool_sizes AS
SELECT pool_group, role, kind, min(gidx) AS first, count(*) FILTER (WHERE install_ms IS NULL OR install_ms < {{monthStartMs}}) AS n
FROM pool GROUP BY pool_group, role, kind;

-- Mean requests per device of each mix group this month; a group no-one can address (e.g. no export premises yet) gets none.
CREATE OR REPLACE TABLE month_groups AS
SELECT g.group_no, g.role, g.pool_kind, z.first, z.n, {{requests}} * g.weight / sum(g.weight) OVER () / z.n AS rate
FROM mix_groups g JOIN pool_sizes z ON z.role = g.role AND z.kind = g.pool_kind
WHERE z.n > 0;
SET VARIABLE group_rate = (SELECT list(coalesce(m.rate, 0) ORDER BY g.group_no) FROM mix_groups g LEFT JOIN month_groups m USING (group_no));

-- k requests per device (rate × activity, rounded at random; under 1000), keyed gidx * 1000 + 0 … k - 1.
-- Kept in pool order: the requests file is then written device by device without sorting.
CREATE OR REPLACE TABLE senders_{{monthKey}} AS
SELECT * FROM (
  SELECT group_no, role::role_code AS role, gidx,
    least(999, floor(getvariable('group_rate')[group_no + 1] * activity + u01('rk', {{monthKey}}, gidx, 0)))::INTEGER AS k,
    gain_ms, party_of(party_before) AS party_id_before, party_of(party_after) AS party_id_after,
    party_fail_of(party_before) AS party_fail_before, party_fail_of(party_after) AS party_fail_after,
    device_id, region_no, smets1, dev_fail, fail_mult, rtt_mult
  FROM pool
  WHERE group_no IS NOT NULL AND (install_ms IS NULL OR install_ms < {{monthStartMs}})
)
WHERE k > 0;

-- Each SRV is also sent once a month by every role the mix allows (rare ones would be missing at small volumes).
CREATE OR REPLACE TABLE month_cover_{{monthKey}} AS
WITH c AS (
  SELECT row_number() OVER (ORDER BY r.srv_no, r.role) - 1 AS cover_no, r.srv_no, r.role, r.kind, r.non_device, g.first, g.n
  FROM mix_rows r JOIN month_groups g USING (role, pool_kind)
)
SELECT 99000000 + c.cover_no AS ord, rowhash({{monthKey}}::BIGINT * 10 + 8, c.cover_no) AS h, c.role::role_code AS role,
  c.srv_no * 4 + (c.kind = '-')::INTEGER * 2 + c.non_device::INTEGER AS srv_code,
  p.gain_ms, party_of(p.party_before) AS party_id_before, party_of(p.party_after) AS party_id_after,
  party_fail_of(p.party_before) AS party_fail_before, party_fail_of(p.party_after) AS party_fail_after,
  p.device_id, p.region_no, p.smets1, p.dev_fail, p.fail_mult, p.rtt_mult
FROM c JOIN pool p ON p.gidx = c.first + floor(u01('rc', {{monthKey}}, c.cover_no, 0) * c.n)::BIGINT
ORDER BY c.cover_no;

-- The month's local hours, weighted by weekday and hour of day (hour_no counts hours from the month start).
CREATE OR REPLACE TABLE month_hours AS
SELECT (hour_ms - {{monthStartMs}}) // 3600000 AS hour_no,
  s.weight * CASE isodow(ts(hour_ms)) WHEN 6 THEN 0.8 WHEN 7 THEN 0.7 ELSE 1 END AS weight
FROM range({{monthStartMs}}::BIGINT, {{monthEndMs}}::BIGINT, 3600000) t(hour_ms)
JOIN hour_shape s ON s.hour = hour(ts(hour_ms));

-- Incidents in force during the month, per region, on whole hours.
CREATE OR REPLACE TABLE month_incidents AS
SELECT * FROM incident_spans WHERE start_ms < {{monthEndMs}} AND end_ms > {{monthStartMs}};
