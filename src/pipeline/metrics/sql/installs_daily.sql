-- grain: one row per party × role (IS, GS) × London day of month M: successful 8.14.1 and 8.14.2, and the install prediction
CREATE OR REPLACE TABLE installs_daily AS
WITH parties AS (
  SELECT DISTINCT party_id, role FROM party_item WHERE item_id IN ('IC-INSTALLS-VS-PREDICTED', 'IC-8.14.1-VS-8.14.2')
), first_day AS (
  -- the oldest month loaded: every month folder has a parties file, while history months load only some requests
  SELECT CAST(min(month) || '-01' AS DATE) AS d FROM src.parties
), calendar AS (
  SELECT CAST(range AS DATE) AS day
  FROM range(DATE '{{monthStart}}' - INTERVAL ({{predictionWeeks}} * 7) DAY, DATE '{{monthEnd}}' + INTERVAL 1 DAY, INTERVAL 1 DAY)
), counts AS (
  SELECT party_id, role, day, count_if(srv = '8.14.1') AS n_8141, count_if(srv = '8.14.2') AS n_8142
  FROM journey_req WHERE srv IN ('8.14.1', '8.14.2') AND ok GROUP BY ALL
), grid AS (
  SELECT p.party_id, p.role, c.day, coalesce(n.n_8141, 0) AS n_8141, coalesce(n.n_8142, 0) AS n_8142,
    coalesce(n.n_8141, 0) + coalesce(n.n_8142, 0) AS installs
  FROM parties p CROSS JOIN calendar c LEFT JOIN counts n ON n.party_id = p.party_id AND n.role = p.role AND n.day = c.day
), predicted AS (
  SELECT m.party_id, m.role, m.day, count(h.day) AS history_weeks, sum(h.installs) / count(h.installs) AS mean,
    -- from exact integer sums, so the figure does not depend on thread order
    sqrt((sum(h.installs::BIGINT * h.installs) - sum(h.installs)::DOUBLE * sum(h.installs) / count(h.installs)) / nullif(count(h.installs) - 1, 0)) AS sd
  FROM grid m
  LEFT JOIN grid h ON h.party_id = m.party_id AND h.role = m.role
    AND h.day < m.day AND h.day >= m.day - INTERVAL ({{predictionWeeks}} * 7) DAY AND dayofweek(h.day) = dayofweek(m.day)
    AND h.day >= (SELECT d FROM first_day)
  WHERE m.day >= DATE '{{monthStart}}'
  GROUP BY ALL
), active AS (
  SELECT party_id, role, sum(installs) > 0 AS any_installs FROM grid WHERE day >= DATE '{{monthStart}}' GROUP BY ALL
)
SELECT g.party_id, g.role, g.day, CASE WHEN a.any_installs THEN 'active' ELSE 'no_activity' END AS status,
  g.n_8141, g.n_8142, g.installs, CAST(p.history_weeks AS INTEGER) AS history_weeks,
  CASE WHEN p.history_weeks >= {{predictionMinWeeks}} THEN 'predicted' ELSE 'insufficient_history' END AS prediction_status,
  CASE WHEN p.history_weeks >= {{predictionMinWeeks}} THEN p.mean END AS predicted,
  CASE WHEN p.history_weeks >= {{predictionMinWeeks}} THEN greatest(0, p.mean - {{predictionBandSd}} * coalesce(p.sd, 0)) END AS predicted_low,
  CASE WHEN p.history_weeks >= {{predictionMinWeeks}} THEN p.mean + {{predictionBandSd}} * coalesce(p.sd, 0) END AS predicted_high
FROM grid g JOIN predicted p USING (party_id, role, day) JOIN active a USING (party_id, role)
WHERE g.day >= DATE '{{monthStart}}';
