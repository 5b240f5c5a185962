-- grain: one row per incident opened in {{month}}; resolved_at empty while still open at the end of the data
SELECT incident_id, category, opened_at,
  CASE WHEN opened_at + duration < (SELECT window_end FROM window_bounds) THEN opened_at + duration END AS resolved_at,
  regions, summary
FROM incidents_all
WHERE opened_at >= TIMESTAMPTZ '{{monthStart}}' AND opened_at < TIMESTAMPTZ '{{monthEnd}}'
ORDER BY incident_id
