-- grain: one row per party × role holding the CoS Gain derived items: its successful 6.23 in month M, with prior read and old supplier 8.14.x
CREATE OR REPLACE TEMP TABLE cos_gains AS
WITH gains AS (
  SELECT request_id, party_id, role, premise_id, sent_at, day FROM journey_req
  WHERE month = '{{month}}' AND srv = '6.23' AND ok AND premise_id IS NOT NULL
), old_reg AS (
  -- the other party's registration in the role that ended at the gain (latest end on or before the day after it;
  -- of two ending the same day, the greater party id, so reruns agree)
  SELECT g.request_id, arg_max(r.party_id, (r.valid_to, r.party_id)) AS old_party
  FROM gains g JOIN src.registrations r ON r.month = '{{month}}' AND r.premise_id = g.premise_id AND r.role = g.role
    AND r.party_id <> g.party_id AND r.valid_to IS NOT NULL AND r.valid_to <= g.day + INTERVAL 1 DAY
  GROUP BY g.request_id
)
SELECT g.party_id, g.role, g.request_id, o.old_party IS NOT NULL AS old_known,
  EXISTS (SELECT 1 FROM meter_read r WHERE r.premise_id = g.premise_id
    AND r.sent_at < g.sent_at AND r.sent_at >= g.sent_at - INTERVAL ({{cosPriorReadDays}}) DAY) AS prior_read,
  EXISTS (SELECT 1 FROM journey_req r WHERE r.premise_id = g.premise_id AND r.party_id = o.old_party AND r.srv IN ('8.14.1', '8.14.2')
    AND r.ok AND r.sent_at < g.sent_at) AS old_sent_814
FROM gains g LEFT JOIN old_reg o USING (request_id);

CREATE OR REPLACE TEMP TABLE cos_own AS
SELECT party_id, role, role AS cell, count(*) AS vol, count(*) AS gains, count_if(prior_read) AS prior_read,
  count_if(old_sent_814) AS old_sent_814, count_if(NOT old_known) AS old_unknown
FROM cos_gains GROUP BY party_id, role;

CREATE OR REPLACE TABLE cos_gain AS
WITH g AS (SELECT * FROM peer_groups('cos_own')),
ind AS (SELECT role, sum(gains) AS gains, sum(prior_read) AS prior_read, sum(old_sent_814) AS old_sent_814 FROM cos_own GROUP BY role),
parties AS (SELECT DISTINCT party_id, role FROM party_item WHERE item_id IN ('COS-READ-30D-PRIOR', 'COS-OLD-SUPPLIER-8.14')),
d AS (
  SELECT p.party_id, p.role, o.gains, o.prior_read, o.old_sent_814, o.old_unknown, ind.gains AS ind_gains,
    ind.prior_read AS ind_prior_read, ind.old_sent_814 AS ind_old_sent_814,
    is_suppressed(p.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols) OR x.reader IS NOT NULL AS suppressed
  FROM parties p LEFT JOIN cos_own o USING (party_id, role) LEFT JOIN g ON g.cell = p.role LEFT JOIN ind ON ind.role = p.role
  LEFT JOIN month_isolates('cos', 'cos_own') x ON x.reader = p.party_id AND x.cell = p.role
)
SELECT party_id, role, CASE WHEN gains IS NULL THEN 'no_activity' ELSE 'active' END AS status,
  coalesce(gains, 0) AS gains, coalesce(prior_read, 0) AS prior_read, coalesce(old_sent_814, 0) AS old_sent_814,
  coalesce(old_unknown, 0) AS old_unknown,
  CASE WHEN suppressed THEN 'suppressed' ELSE 'published' END AS industry_status,
  CASE WHEN NOT suppressed THEN ind_gains END AS industry_gains,
  CASE WHEN NOT suppressed THEN ind_prior_read END AS industry_prior_read,
  CASE WHEN NOT suppressed THEN ind_old_sent_814 END AS industry_old_sent_814
FROM d;
