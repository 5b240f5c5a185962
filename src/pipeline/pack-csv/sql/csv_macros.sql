-- grain: none; the spreadsheet-formula guard for text cells of CSV downloads
CREATE OR REPLACE MACRO csv_text(v) AS CASE WHEN regexp_matches(v, '^[=+\-@\t\r]') THEN '''' || v ELSE v END;
