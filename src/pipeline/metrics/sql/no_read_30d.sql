-- grain: one row per party × role holding IC-NO-READ-30D: the 8.14.1 cohort whose 30-day window ends in month M, and how many got no read
CREATE OR REPLACE TEMP TABLE read_cohort AS
WITH cohort AS (
  SELECT request_id, party_id, role, premise_id, sent_at FROM journey_req
  WHERE srv = '8.14.1' AND ok AND premise_id IS NOT NULL
    AND london_day(sent_at + INTERVAL ({{readCohortDays}}) DAY) BETWEEN DATE '{{monthStart}}' AND DATE '{{monthEnd}}'
), reads AS (
  SELECT premise_id, sent_at FROM meter_read WHERE to_meter
)
SELECT c.party_id, c.role, c.request_id,
  EXISTS (SELECT 1 FROM reads r WHERE r.premise_id = c.premise_id AND r.sent_at > c.sent_at
    AND r.sent_at <= c.sent_at + INTERVAL ({{readCohortDays}}) DAY) AS was_read
FROM cohort c;

CREATE OR REPLACE TEMP TABLE read_cohort_own AS
SELECT party_id, role, role AS cell, count(*) AS vol, count(*) AS cohort, count_if(NOT was_read) AS not_read
FROM read_cohort GROUP BY party_id, role;

CREATE OR REPLACE TABLE no_read_30d AS
WITH g AS (SELECT * FROM peer_groups('read_cohort_own')),
ind AS (SELECT role, sum(cohort) AS cohort, sum(not_read) AS not_read FROM read_cohort_own GROUP BY role),
d AS (
  SELECT pi.party_id, pi.role, pi.item_id, o.cohort, o.not_read, ind.cohort AS ind_cohort, ind.not_read AS ind_not_read,
    is_suppressed(pi.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) OR x.reader IS NOT NULL AS suppressed
  FROM party_item pi
  LEFT JOIN read_cohort_own o ON o.party_id = pi.party_id AND o.role = pi.role
  LEFT JOIN g ON g.cell = pi.role
  LEFT JOIN ind ON ind.role = pi.role
  LEFT JOIN month_isolates('read_cohort', 'read_cohort_own') x ON x.reader = pi.party_id AND x.cell = pi.role
  WHERE pi.item_id = 'IC-NO-READ-30D'
)
SELECT party_id, role, item_id, CASE WHEN cohort IS NULL THEN 'no_activity' ELSE 'active' END AS status,
  coalesce(cohort, 0) AS cohort, coalesce(not_read, 0) AS not_read, not_read / cohort AS not_read_rate,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN ind_cohort END AS industry_cohort,
  CASE WHEN NOT suppressed THEN ind_not_read END AS industry_not_read,
  CASE WHEN NOT suppressed THEN ind_not_read / ind_cohort END AS industry_not_read_rate
FROM d;
