-- grain: one row per recipient party × role × business process × ranked party: the recipient and parties with at least
-- minPeerVolume requests in the process (one suppressed row when the league is not published)
CREATE OR REPLACE TEMP TABLE league_own AS
SELECT role, business_process, party_id, role || '|' || business_process AS cell, sum(requests) AS vol,
  sum(successes) AS successes, sum(requests) AS requests
FROM item_own o JOIN (SELECT DISTINCT item_id, business_process FROM report_item) i USING (item_id)
GROUP BY ALL;

CREATE OR REPLACE TABLE league AS
WITH processes AS (
  SELECT DISTINCT party_id, role, business_process FROM party_item WHERE kind = 'srv'
), g AS (SELECT * FROM peer_groups('league_own')),
listed AS (SELECT cell, count(*) AS n FROM league_own WHERE requests >= {{minPeerVolume}} GROUP BY cell),
decided AS (
  -- a league of fewer listed peers than a peer statistic needs is no comparison: suppressed
  SELECT p.*, is_suppressed(p.party_id, o.vol, g.n_parties, g.total_vol, g.top_parties, g.top_vols)
    OR coalesce(l.n, 0) - CASE WHEN o.requests >= {{minPeerVolume}} THEN 1 ELSE 0 END < {{minOtherParties}} AS suppressed
  FROM processes p
  LEFT JOIN league_own o ON o.party_id = p.party_id AND o.role = p.role AND o.business_process = p.business_process
  LEFT JOIN g ON g.cell = p.role || '|' || p.business_process
  LEFT JOIN listed l ON l.cell = p.role || '|' || p.business_process
), scored AS (
  SELECT role, business_process, party_id AS member_id, requests,
    round_pct(successes, requests) AS success_rate_pct
  FROM league_own
)
SELECT d.party_id, d.role, d.business_process, 'published' AS status,
  CAST(rank() OVER (PARTITION BY d.party_id, d.role, d.business_process ORDER BY s.success_rate_pct DESC) AS INTEGER) AS rank,
  s.success_rate_pct, s.member_id = d.party_id AS is_you
FROM decided d JOIN scored s ON s.role = d.role AND s.business_process = d.business_process
WHERE NOT d.suppressed AND (s.member_id = d.party_id OR s.requests >= {{minPeerVolume}})
UNION ALL
SELECT party_id, role, business_process, 'suppressed', NULL, NULL, NULL FROM decided WHERE suppressed;
