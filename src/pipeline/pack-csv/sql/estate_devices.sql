-- grain: one row per party × role × device of its month-end estate (design brief §4 Estate), every device field
CREATE OR REPLACE TABLE estate_devices AS
SELECT * FROM estate_devices_at('{{month}}', DATE '{{monthEnd}}')
ORDER BY party_id, role, device_id;
