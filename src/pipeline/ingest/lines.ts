import { queryNumber, type Db } from '../../lib/duckdb.ts';

/**
 * Editor lines for rejected records. A parsed record's ordinal (`rid`) and DuckDB's line for a
 * malformed record (record number + 1) both count records, not lines: records the parser
 * dropped and newlines inside quoted fields are added back here. Parquet rows have no lines;
 * row n (from 1) is reported as line n + 1, as if a header came first, so both formats agree.
 */
export const RESOLVE_LINES_SQL = `-- one row per rejected record, with its editor line
CREATE TEMP TABLE reject_lines AS
WITH m AS (SELECT *, row_number() OVER (PARTITION BY fi ORDER BY dline) AS j FROM malformed),
rows AS (
  SELECT x.*,
    (SELECT count(*) FROM m WHERE m.fi = x.fi AND m.dline - 1 - m.j <= x.rid) AS dropped,
    (SELECT coalesce(sum(ml.nl), 0) FROM multiline ml WHERE ml.fi = x.fi AND ml.rid < x.rid)
      + (SELECT coalesce(sum(m.nl), 0) FROM m WHERE m.fi = x.fi AND m.dline - 1 - m.j <= x.rid) AS nlb
  FROM rejects x
)
SELECT fi, rid + 2 + dropped + nlb AS line, column_name, reason, value FROM rows
UNION ALL
SELECT m.fi,
  m.dline
    + (SELECT coalesce(sum(ml.nl), 0) FROM multiline ml WHERE ml.fi = m.fi AND ml.rid < m.dline - 1 - m.j)
    + (SELECT coalesce(sum(m2.nl), 0) FROM m m2 WHERE m2.fi = m.fi AND m2.j < m.j),
  column_name, reason, value
FROM m`;

const SIMPLE_LINES_SQL = `-- one row per rejected record, with its editor line (no dropped or multi-line records)
CREATE TEMP TABLE reject_lines AS SELECT fi, rid + 2 AS line, column_name, reason, value FROM rejects`;

/** Build `reject_lines`; the exact, slower query only when some record was dropped or spans lines. */
export async function resolveLines(db: Db): Promise<void> {
  const extra = await queryNumber(db, 'SELECT (SELECT count(*) FROM multiline) + (SELECT count(*) FROM malformed)');
  await db.run(extra > 0 ? RESOLVE_LINES_SQL : SIMPLE_LINES_SQL);
}
