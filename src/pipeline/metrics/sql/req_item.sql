-- grain: one row per month-M service request × srv report item it counts for (role, SRV, variant and context match)
CREATE OR REPLACE TEMP TABLE req_item AS
SELECT i.item_id, i.business_process, r.party_id, r.role, r.day, r.meter_type, r.region, r.smets, r.model, r.firmware,
  r.command_variant, r.response_code, r.ok, r.no_response, r.rtt_s, r.bucket
FROM req r
JOIN report_item_srv i ON i.srv = r.srv AND list_contains(i.roles, r.role) AND (i.variant IS NULL OR i.variant = r.variant)
WHERE r.month = '{{month}}' AND i.kind = 'srv'
  AND CASE i.context
    WHEN 'install' THEN r.in_install
    WHEN 'cos_gain' THEN r.in_cos_gain
    WHEN 'bau' THEN NOT r.in_install AND NOT r.in_cos_gain
    WHEN 'not_install' THEN NOT r.in_install
    ELSE TRUE END;
