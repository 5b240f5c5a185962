-- grain: one row per recipient party × role × srv report item × rank of a contributing party (only where the peer comparison is published;
-- the recipient, and peers with at least minPeerVolume requests)
CREATE OR REPLACE TABLE item_peers AS
WITH peers AS (
  SELECT item_id, role, party_id AS peer_id, round_pct(successes, requests) AS success_rate_pct,
    round(rtt_mean, 2) AS rtt_mean, requests
  FROM item_own
), published AS (
  SELECT party_id, role, item_id FROM item_monthly WHERE industry_status = 'published'
)
SELECT p.party_id, p.role, p.item_id,
  CAST(rank() OVER (PARTITION BY p.party_id, p.role, p.item_id ORDER BY q.success_rate_pct DESC) AS INTEGER) AS rank,
  q.success_rate_pct, q.rtt_mean, q.peer_id = p.party_id AS is_you
FROM published p JOIN peers q ON q.item_id = p.item_id AND q.role = p.role
WHERE q.peer_id = p.party_id OR q.requests >= {{minPeerVolume}}
-- a list of fewer peers than a peer statistic needs is no comparison: none is published
QUALIFY count(*) FILTER (WHERE q.peer_id <> p.party_id) OVER (PARTITION BY p.party_id, p.role, p.item_id) >= {{minOtherParties}}
-- peer ids are dropped here; the row order inside a rank follows the values, never the ids
ORDER BY p.party_id, p.role, p.item_id, q.success_rate_pct DESC, q.rtt_mean, q.requests DESC;
