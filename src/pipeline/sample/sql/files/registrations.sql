-- grain: one row per premise, role and registration period known at the end of {{month}}
SELECT r.premise_id, r.role, r.party_id, r.valid_from,
  CASE WHEN r.valid_to <= m.last_day THEN r.valid_to END AS valid_to
FROM registrations_all r, months m
WHERE m.month = '{{month}}' AND r.valid_from <= m.last_day AND (r.valid_to IS NULL OR r.valid_to >= m.first_day)
ORDER BY r.premise_id, r.role, r.valid_from
