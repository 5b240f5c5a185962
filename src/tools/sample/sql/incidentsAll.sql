-- grain: one row per incident (incidents_all) and per incident and affected region (incident_spans), whole window
CREATE OR REPLACE TABLE incidents_all AS
WITH slots(k, category) AS (VALUES (0, 1), (1, 2), (2, 2), (3, 3), (4, 3), (5, 4), (6, 5)),
summaries(category, k, summary) AS (VALUES
  (1, 0, 'Loss of SM WAN connectivity across the CSP network'),
  (1, 1, 'DSP message processing halted; service requests queued'),
  (2, 0, 'Degraded CSP head-end; elevated communications failures'),
  (2, 1, 'Partial SMETS1 service provider outage'),
  (3, 0, 'Slow responses from the Smart Metering Inventory'),
  (3, 1, 'Intermittent alert delivery delays'),
  (4, 0, 'Planned maintenance overran'),
  (4, 1, 'Reporting portal unavailable'),
  (5, 0, 'Minor configuration error corrected'),
  (5, 1, 'Documentation defect in a release note')
),
raw AS (
  SELECT m.month, m.month_no, m.month_start, m.month_end, s.k, s.category,
    u01('in', m.month_no, s.k, 0) AS u_keep, u01('in', m.month_no, s.k, 1) AS u_open, u01('in', m.month_no, s.k, 2) AS u_len,
    u01('in', m.month_no, s.k, 3) AS u_region, u01('in', m.month_no, s.k, 4) AS u_summary
  FROM months m CROSS JOIN slots s
),
kept AS (
  -- Category 1 in about half of the months; the others most months.
  SELECT * FROM raw WHERE u_keep < CASE category WHEN 1 THEN 0.55 ELSE 0.85 END
)
SELECT 'INC' || replace(month, '-', '') || lpad(k::VARCHAR, 3, '0') AS incident_id, category,
  month_start + ms(u_open * (epoch_ms(month_end) - epoch_ms(month_start) - 86400000)) AS opened_at,
  ms(3600000 * CASE category WHEN 1 THEN 2 + u_len * 4 WHEN 2 THEN 3 + u_len * 8 WHEN 3 THEN 4 + u_len * 26
    WHEN 4 THEN 12 + u_len * 60 ELSE 24 + u_len * 96 END) AS duration,
  CASE WHEN u_region < 0.2 THEN 'All' WHEN u_region < 0.45 THEN 'North' WHEN u_region < 0.7 THEN 'Central'
    WHEN u_region < 0.9 THEN 'South' ELSE 'North;Central' END AS regions,
  (SELECT summary FROM summaries x WHERE x.category = kept.category AND x.k = (u_summary < 0.5)::INT) AS summary
FROM kept;

-- Requests in an incident's regions and whole hours fail more often and answer more slowly (the worst incident counts).
CREATE OR REPLACE TABLE incident_spans AS
SELECT r.region_no, (epoch_ms(i.opened_at) // 3600000) * 3600000 AS start_ms,
  (epoch_ms(i.opened_at + i.duration) // 3600000 + 1) * 3600000 AS end_ms, i.category
FROM incidents_all i
CROSS JOIN (VALUES (0, 'North'), (1, 'Central'), (2, 'South')) r(region_no, region)
WHERE i.regions = 'All' OR list_contains(string_split(i.regions, ';'), r.region);
