-- grain: one row per premise, role and registration period known at the end of {{month}}
-- registrations_all is stored in file order (premise, role, valid_from) and insertion order is preserved.
SELECT premise_id, role, party_id, valid_from,
  CASE WHEN valid_to <= DATE '{{lastDay}}' THEN valid_to END AS valid_to
FROM registrations_all
WHERE valid_from <= DATE '{{lastDay}}' AND (valid_to IS NULL OR valid_to >= DATE '{{firstDay}}')
