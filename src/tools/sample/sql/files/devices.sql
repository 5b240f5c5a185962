-- grain: one row per device in the inventory at the end of {{month}}
-- devices_all is stored by serial and insertion order is preserved, so no sort is needed here.
SELECT device_id, premise_id, device_type, smets, manufacturer, model, firmware, region, meter_type, esme_variant, status,
  CASE WHEN status = 'InstalledNotCommissioned'::device_status THEN NULL ELSE commissioned_date END AS commissioned_on
FROM devices_all
WHERE install_ts IS NULL OR install_ts < TIMESTAMPTZ '{{monthEnd}}'
