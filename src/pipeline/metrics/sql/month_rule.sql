-- grain: none; the cross-month disclosure rule, over the earlier months' figures (previous_month.sql)
-- Across months: reader × parent cell published to it in an earlier month where the other contributors differ by exactly
-- one party and every other common contributor is unchanged, so subtracting the two months' figures isolates that party.
-- Every earlier month counts, not only the last: a cell hidden last month is still shown in the one before.
CREATE OR REPLACE MACRO month_isolates(fam, cur) AS TABLE
  WITH s AS (SELECT month, cell, reader FROM prev_seen WHERE family = fam),
  m AS (SELECT DISTINCT month, cell FROM s),
  c AS (SELECT m.month, x.cell, x.party_id, x.vol FROM query_table(cur) x JOIN m ON m.cell = x.cell WHERE x.vol > 0),
  p AS (SELECT q.month, q.cell, q.party_id, q.vol FROM prev_contrib q SEMI JOIN m ON m.month = q.month AND m.cell = q.cell WHERE q.family = fam),
  d AS (
    SELECT coalesce(c.month, p.month) AS month, coalesce(c.cell, p.cell) AS cell, coalesce(c.party_id, p.party_id) AS party_id,
      CASE WHEN c.vol IS NULL OR p.vol IS NULL THEN 'moved' WHEN c.vol <> p.vol THEN 'changed' ELSE 'same' END AS change
    FROM c FULL JOIN p ON p.month = c.month AND p.cell = c.cell AND p.party_id = c.party_id
  ),
  k AS (SELECT month, cell, count_if(change = 'moved') AS moved, count_if(change = 'changed') AS changed FROM d GROUP BY month, cell)
  SELECT DISTINCT s.reader, s.cell FROM s JOIN k ON k.month = s.month AND k.cell = s.cell
  LEFT JOIN d r ON r.month = s.month AND r.cell = s.cell AND r.party_id = s.reader
  WHERE {{secondarySuppression}}
    AND k.moved - CASE WHEN r.change = 'moved' THEN 1 ELSE 0 END = 1
    AND k.changed - CASE WHEN r.change = 'changed' THEN 1 ELSE 0 END = 0;
