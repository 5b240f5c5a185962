-- grain: one row per reader × marginal with a suppressed cell: the pairs the first round checks
-- a reader that cannot see the parent sees none of its cells: published parts would add up to it
UPDATE {{family}}_sec SET suppressed = true, secondary = true WHERE parent_suppressed AND NOT suppressed;
CREATE OR REPLACE TEMP TABLE sec_pending AS SELECT DISTINCT reader, marginal, 0 AS step FROM {{family}}_sec WHERE suppressed;
