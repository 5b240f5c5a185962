-- grain: one row per reader × marginal whose suppressed cells, summed, would fail the disclosure rule; each gets more cells
-- what a reader can subtract: parent − published cells = the sum of the suppressed ones, so that sum must pass the rule itself
CREATE OR REPLACE TEMP TABLE sec_union AS
SELECT s.reader, s.marginal, c.party_id, sum(c.vol) AS vol
FROM {{family}}_sec s SEMI JOIN sec_pending p ON p.reader = s.reader AND p.marginal = s.marginal
JOIN {{family}}_contrib c ON c.cell = s.cell
WHERE s.suppressed
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE sec_unsafe AS
SELECT u.reader, u.marginal, p.step FROM (
  SELECT reader, marginal, count(*) AS n_parties, sum(vol) AS total_vol, max_by(party_id, vol, 2) AS top_parties, max(vol, 3) AS top_vols,
    coalesce(sum(vol) FILTER (WHERE party_id = reader), 0) AS own_vol
  FROM sec_union WHERE vol > 0 GROUP BY reader, marginal
) u JOIN sec_pending p USING (reader, marginal)
WHERE total_vol > own_vol AND is_suppressed(u.reader, own_vol, n_parties, total_vol, top_parties, top_vols);

-- the published cells with the fewest others' units (ties: lowest cell key) join the suppressed ones: 1, 2, 4, … in
-- successive rounds of the same pair, so a pair needs few rounds and at most twice the cells of adding one at a time
CREATE OR REPLACE TEMP TABLE sec_added AS
SELECT reader, marginal, cell FROM (
  SELECT s.reader, s.marginal, s.cell, u.step,
    row_number() OVER (PARTITION BY s.reader, s.marginal ORDER BY s.others_vol, s.cell) AS k
  FROM {{family}}_sec s JOIN sec_unsafe u ON u.reader = s.reader AND u.marginal = s.marginal
  WHERE NOT s.suppressed AND s.others_vol > 0
) WHERE k <= 2 ** step;

-- a pair with nothing left to add has no published cell with others in it: nothing to subtract from
CREATE OR REPLACE TEMP TABLE sec_pending AS
SELECT reader, marginal, step + 1 AS step FROM sec_unsafe u SEMI JOIN sec_added a USING (reader, marginal);

UPDATE {{family}}_sec s SET suppressed = true, secondary = true FROM sec_added a WHERE s.reader = a.reader AND s.cell = a.cell;
