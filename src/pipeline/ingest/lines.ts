import { toTerminalText } from '../../lib/terminalText.ts';
import { CarsError } from '../../lib/errors.ts';
import { queryNumber, queryRows, type Db } from '../../lib/duckdb.ts';

/**
 * Editor lines for rejected records. A parsed record's ordinal (`rid`) and DuckDB's line for a
 * malformed record (record number + 1) both count records, not lines: records the parser
 * dropped and newlines inside quoted fields are added back here. Parquet rows have no lines;
 * row n (from 1) is reported as line n + 1, as if a header came first, so both formats agree.
 */
const MALFORMED_CTE = `m AS (SELECT *, row_number() OVER (PARTITION BY fi ORDER BY dline) AS j FROM malformed)`;

/** Malformed records (`m`) with their editor lines. */
const MALFORMED_LINES_SQL = `SELECT m.fi,
  m.dline
    + (SELECT coalesce(sum(ml.nl), 0) FROM multiline ml WHERE ml.fi = m.fi AND ml.rid < m.dline - 1 - m.j)
    + (SELECT coalesce(sum(m2.nl), 0) FROM m m2 WHERE m2.fi = m.fi AND m2.j < m.j) AS line,
  m.nl, column_name, reason, value, record
FROM m`;

export const RESOLVE_LINES_SQL = `-- one row per rejected record, with its editor line
CREATE TEMP TABLE reject_lines AS
WITH ${MALFORMED_CTE},
rows AS (
  SELECT x.*,
    (SELECT count(*) FROM m WHERE m.fi = x.fi AND m.dline - 1 - m.j <= x.rid) AS dropped,
    (SELECT coalesce(sum(ml.nl), 0) FROM multiline ml WHERE ml.fi = x.fi AND ml.rid < x.rid)
      + (SELECT coalesce(sum(m.nl), 0) FROM m WHERE m.fi = x.fi AND m.dline - 1 - m.j <= x.rid) AS nlb
  FROM rejects x
)
SELECT fi, (rid + 2 + dropped + nlb)::BIGINT AS line, column_name, reason, value, record FROM rows
UNION ALL
SELECT fi, line::BIGINT, column_name, reason, value, record FROM (${MALFORMED_LINES_SQL})
UNION ALL
SELECT * FROM reused_lines`;

// a view: with no dropped or multi-line record the line is a sum, not worth a copy of every rejected row
const SIMPLE_LINES_SQL = `-- one row per rejected record, with its editor line (no dropped or multi-line records)
CREATE TEMP VIEW reject_lines AS SELECT fi, rid + 2 AS line, column_name, reason, value, record FROM rejects
UNION ALL SELECT * FROM reused_lines`;

/** Build `reject_lines`; the exact, slower query only when some record was dropped or spans lines. */
export async function resolveLines(db: Db): Promise<void> {
  const extra = await queryNumber(db, 'SELECT (SELECT count(*) FROM multiline) + (SELECT count(*) FROM malformed)');
  await db.run(extra > 0 ? RESOLVE_LINES_SQL : SIMPLE_LINES_SQL);
}

/** A malformed record spanning more lines than this is a quote left open, not a bad row: it hides the rows after it. */
export const MAX_SWALLOWED_LINES = 5;

/** Stop with one line naming the file and the line where a quote opened, when the record it starts swallows many lines. */
export async function checkOpenQuotes(db: Db, files: { fi: number; shown: string }[]): Promise<void> {
  if (files.length === 0) return;
  const [open] = await queryRows<{ fi: number; line: bigint; nl: bigint; column_name: string; record: string }>(
    db,
    `WITH ${MALFORMED_CTE} SELECT fi, line, nl, column_name, record FROM (${MALFORMED_LINES_SQL})
     WHERE nl > ${MAX_SWALLOWED_LINES} AND fi IN (${files.map((f) => f.fi).join(', ')}) ORDER BY fi, line LIMIT 1`,
  );
  if (!open) return;
  const file = files.find((f) => f.fi === open.fi)?.shown ?? String(open.fi);
  const start = open.record.split('\n')[0] ?? '';
  throw new CarsError(
    'quote not closed',
    `${toTerminalText(file)} line ${open.line} swallows ${open.nl} lines`,
    `column ${open.column_name}, record starting ${toTerminalText(start.slice(0, 60))}`,
  );
}
