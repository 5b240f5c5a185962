-- grain: one row per party × Category 1–2 incident overlapping month M (Europe/London days)
CREATE OR REPLACE TABLE incidents AS
SELECT p.party_id, i.incident_id, CAST(i.category AS INTEGER) AS category, i.opened_at, i.resolved_at,
  array_to_string(i.regions, ';') AS regions, i.summary
FROM src.incidents i CROSS JOIN (SELECT DISTINCT party_id FROM party_role) p
WHERE i.month = '{{month}}' AND i.category <= 2 AND london_day(i.opened_at) <= DATE '{{monthEnd}}'
  AND (i.resolved_at IS NULL OR london_day(i.resolved_at) >= DATE '{{monthStart}}');
