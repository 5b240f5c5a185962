-- grain: one row per party × role it holds (reported roles only)
CREATE OR REPLACE TEMP TABLE party_role AS
SELECT party_id, party_name, role
FROM (SELECT party_id, party_name, unnest(roles) AS role FROM src.parties WHERE month = '{{month}}')
WHERE role IN ('IS', 'ES', 'GS', 'ED');

CREATE OR REPLACE TEMP TABLE party_item AS
SELECT pr.party_id, pr.role, i.item_id, i.business_process, i.kind
FROM party_role pr JOIN report_item i ON list_contains(i.roles, pr.role);
