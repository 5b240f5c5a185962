-- grain: one row per party of month M with its reported roles (metadata for the partition stage, not a dataset)
CREATE OR REPLACE TABLE parties AS
SELECT party_id, party_name, list_sort(list_filter(roles, r -> r IN ('IS', 'ES', 'GS', 'ED'))) AS roles
FROM src.parties WHERE month = '{{month}}';
