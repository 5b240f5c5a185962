-- grain: one row per journey request (install visits, post-install reads, change-of-supplier gains), whole window
CREATE OR REPLACE TABLE journey_intents AS
WITH installs AS (
  SELECT p.*, CASE WHEN install_no_wan THEN '8.14.2' ELSE '8.14.1' END AS install_srv FROM premises p WHERE installed_in_window
),
install_head AS (
  SELECT pidx, 0 AS step, elec_party AS party_id, 'IS' AS role, install_srv AS srv, 'C' AS kind, install_ts AS sent_at, FALSE AS force_success
  FROM installs
),
install_body AS (
  SELECT i.pidx, s.step, i.elec_party, s.role, s.srv, s.kind,
    i.install_ts + ms((s.offset_min + u01('ij', i.pidx, s.step, 0) * 4) * 60000) AS sent_at, FALSE
  FROM installs i JOIN install_steps s ON s.role = 'IS' OR (i.has_gas AND i.gas_party = i.elec_party)
  WHERE i.install_srv = '8.14.1'
),
-- Some installers read the new meter within 30 days, some never do.
install_read AS (
  SELECT i.pidx, 20, i.elec_party, 'IS', CASE WHEN u01('ir', i.pidx, 1, 0) < 0.5 THEN '4.8.1' ELSE '4.6.1' END, 'E',
    i.install_ts + ms((1 + u01('ir', i.pidx, 2, 0) * 20) * 86400000), TRUE
  FROM installs i JOIN sample_parties sp ON sp.party_id = i.elec_party
  WHERE i.install_srv = '8.14.1' AND u01('ir', i.pidx, 3, 0) < sp.read_after_install
),
gains AS (SELECT * FROM premises WHERE gain_ts IS NOT NULL),
cos_steps(step, srv, role, kind, share, min_days, span_days) AS (VALUES
  (30, '6.23', 'IS', 'E', 1.0, 0, 0), (31, '1.1.1', 'IS', 'E', 0.9, 0.1, 5), (32, '6.8', 'IS', 'E', 0.85, 0.2, 6),
  (33, '6.23', 'GS', 'G', 1.0, 0, 0.05), (34, '1.1.1', 'GS', 'G', 0.9, 0.1, 5), (35, '6.8', 'GS', 'G', 0.85, 0.2, 6)
),
cos_body AS (
  SELECT g.pidx, c.step, g.new_elec, c.role, c.srv, c.kind,
    g.gain_ts + ms((c.min_days + u01('cj', g.pidx, c.step, 0) * c.span_days) * 86400000), FALSE
  FROM gains g JOIN cos_steps c ON (c.role = 'IS' OR g.gas_moves) AND u01('cj', g.pidx, c.step, 1) < c.share
),
-- The losing supplier often read the meter in the weeks before the gain.
cos_prior_read AS (
  SELECT g.pidx, 40, g.elec_party, 'IS', '4.8.1', 'E', g.gain_ts - ms((1 + u01('cr', g.pidx, 1, 0) * 40) * 86400000), TRUE
  FROM gains g WHERE u01('cr', g.pidx, 2, 0) < 0.6
),
all_steps AS (
  SELECT * FROM install_head
  UNION ALL SELECT * FROM install_body
  UNION ALL SELECT * FROM install_read
  UNION ALL SELECT * FROM cos_body
  UNION ALL SELECT * FROM cos_prior_read
)
SELECT a.pidx * 100 + a.step AS jkey, sp.party_no, a.role::role_code AS role, m.srv_no, epoch_ms(a.sent_at) AS sent_ms, a.force_success,
  d.device_id, d.region_no, d.smets1, d.dev_fail, d.fail_mult, d.rtt_mult, m.median_s, m.base_fail,
  sp.fail_factor * CASE WHEN a.step BETWEEN 0 AND 19 THEN sp.install_fail_factor ELSE 1 END AS party_fail
FROM all_steps a
JOIN devices_all d ON d.pidx = a.pidx AND d.kind = a.kind
JOIN srv_mix m ON m.srv = a.srv
JOIN sample_parties sp ON sp.party_id = a.party_id
ORDER BY jkey;
