-- grain: one row per party
SELECT party_id, party_name, roles FROM sample_parties ORDER BY party_id
