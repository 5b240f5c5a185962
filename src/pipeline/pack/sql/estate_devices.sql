-- grain: one row per party × role × device of its month-end estate (DESIGN.md §4 Estate), every device field
CREATE OR REPLACE TEMP TABLE estate_devices AS
SELECT r.party_id, r.role, d.device_id, d.premise_id, d.device_type, d.smets, d.manufacturer, d.model, d.firmware, d.region,
  d.meter_type, d.esme_variant, d.status, d.commissioned_on
FROM src.registrations r JOIN src.devices d ON d.premise_id = r.premise_id AND d.month = '{{month}}'
WHERE r.month = '{{month}}' AND r.valid_from <= DATE '{{monthEnd}}' AND (r.valid_to IS NULL OR r.valid_to > DATE '{{monthEnd}}')
  AND CASE r.role
    WHEN 'IS' THEN d.device_type IN ('ESME', 'CHF', 'PPMID', 'IHD', 'CAD', 'HCALCS')
    WHEN 'ES' THEN d.device_type = 'ESME'
    WHEN 'GS' THEN d.device_type IN ('GSME', 'GPF')
    WHEN 'ED' THEN d.device_type IN ('ESME', 'CHF')
    ELSE FALSE END
ORDER BY r.party_id, r.role, d.device_id;
