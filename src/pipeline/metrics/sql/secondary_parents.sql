-- grain: updates one row per reader × cell whose parent cell, itself a cell of another marginal, is hidden from the reader
-- a hidden parent hides all its cells: published ones would add up to it
UPDATE {{family}}_sec s SET suppressed = true, secondary = s.secondary OR NOT s.suppressed, parent_suppressed = true
FROM (SELECT reader, cell FROM {{family}}_sec WHERE suppressed) p
WHERE p.reader = s.reader AND p.cell = s.parent_cell AND NOT s.parent_suppressed;
