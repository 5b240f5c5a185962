-- grain: one row per party × role × device of the month-end estate (design brief §4 Estate); shared by metrics and the CSV pack
CREATE OR REPLACE MACRO estate_devices_at(m, month_end) AS TABLE
SELECT r.party_id, r.role, d.device_id, d.premise_id, d.device_type, d.smets, d.manufacturer, d.model, d.firmware, d.region,
  d.meter_type, d.esme_variant, d.status, d.commissioned_on
FROM src.registrations r JOIN src.devices d ON d.premise_id = r.premise_id AND d.month = m
WHERE r.month = m AND r.valid_from <= month_end AND (r.valid_to IS NULL OR r.valid_to > month_end)
  AND CASE r.role
    WHEN 'IS' THEN d.device_type IN ('ESME', 'CHF', 'PPMID', 'IHD', 'CAD', 'HCALCS')
    WHEN 'ES' THEN d.device_type = 'ESME'
    WHEN 'GS' THEN d.device_type IN ('GSME', 'GPF')
    WHEN 'ED' THEN d.device_type IN ('ESME', 'CHF')
    ELSE FALSE END;
