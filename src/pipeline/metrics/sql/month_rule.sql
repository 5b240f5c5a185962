-- grain: none; the cross-month disclosure rule, over the previous month's figures (previous_month.sql)
-- Across months: reader × parent cell published to it last month where the other contributors differ by exactly one party
-- and every other common contributor is unchanged, so subtracting the two months' figures isolates that party.
CREATE OR REPLACE MACRO month_isolates(fam, cur) AS TABLE
  WITH c AS (SELECT cell, party_id, vol FROM query_table(cur) WHERE vol > 0),
  p AS (SELECT cell, party_id, vol FROM prev_contrib WHERE family = fam),
  d AS (
    SELECT coalesce(c.cell, p.cell) AS cell, coalesce(c.party_id, p.party_id) AS party_id,
      CASE WHEN c.vol IS NULL OR p.vol IS NULL THEN 'moved' WHEN c.vol <> p.vol THEN 'changed' ELSE 'same' END AS change
    FROM c FULL JOIN p ON p.cell = c.cell AND p.party_id = c.party_id
    WHERE c.cell IN (SELECT cell FROM prev_seen WHERE family = fam) OR p.cell IN (SELECT cell FROM prev_seen WHERE family = fam)
  ),
  k AS (SELECT cell, count_if(change = 'moved') AS moved, count_if(change = 'changed') AS changed FROM d GROUP BY cell)
  SELECT s.reader, s.cell FROM prev_seen s JOIN k ON k.cell = s.cell
  LEFT JOIN d r ON r.cell = s.cell AND r.party_id = s.reader
  WHERE s.family = fam AND {{secondarySuppression}}
    AND k.moved - CASE WHEN r.change = 'moved' THEN 1 ELSE 0 END = 1
    AND k.changed - CASE WHEN r.change = 'changed' THEN 1 ELSE 0 END = 0;
