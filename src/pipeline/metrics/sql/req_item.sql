-- grain: one row per month-M service request × srv report item it counts for (role, SRV, variant and context match)
-- text columns as ENUMs: cheaper to store, join and group by than text. Their values are sorted, so they compare
-- and order as the text does; the Parquet outputs turn them back into text.
CREATE TYPE item_id_t AS ENUM (SELECT DISTINCT item_id FROM report_item_srv WHERE kind = 'srv' ORDER BY 1);
CREATE TYPE party_id_t AS ENUM (SELECT DISTINCT party_id FROM src.parties WHERE month = '{{month}}' ORDER BY 1);
CREATE TYPE role_t AS ENUM (SELECT DISTINCT unnest(roles) AS role FROM report_item_srv WHERE kind = 'srv' ORDER BY 1);
CREATE TYPE meter_type_t AS ENUM (SELECT DISTINCT meter_type FROM src.devices WHERE meter_type IS NOT NULL ORDER BY 1);
CREATE TYPE region_t AS ENUM (SELECT DISTINCT region FROM src.devices WHERE region IS NOT NULL ORDER BY 1);
CREATE TYPE smets_t AS ENUM (SELECT DISTINCT smets FROM src.devices WHERE smets IS NOT NULL ORDER BY 1);
CREATE TYPE model_t AS ENUM (SELECT DISTINCT model FROM src.devices WHERE model IS NOT NULL ORDER BY 1);
CREATE TYPE firmware_t AS ENUM (SELECT DISTINCT firmware FROM src.devices WHERE firmware IS NOT NULL ORDER BY 1);

-- the month's devices with their slices already ENUMs: cast once per device, not once per request
CREATE OR REPLACE TEMP TABLE device_slice AS
SELECT device_id, premise_id, model::model_t AS model, firmware::firmware_t AS firmware, region::region_t AS region,
  meter_type::meter_type_t AS meter_type, smets::smets_t AS smets
FROM src.devices WHERE month = '{{month}}';

-- every column a reader may want, as a view: req_item copies what counts, RTT statistics and root causes read, and the
-- failure signifiers only where a request failed (null elsewhere, so nearly free to store): item_failures then scans
-- the copy instead of joining every request again. The RTT is kept in whole microseconds (NULL: no response): an integer
-- stores faster than seconds as a double, and seconds_between gives exactly rtt_us / 1e6 again
CREATE OR REPLACE TEMP VIEW req_item_joined AS
WITH req AS (
  SELECT s.party_id, s.role, s.srv, s.variant, s.command_variant, s.response_code,
    d.model, d.firmware, d.region, d.meter_type, d.smets,
    london_day(s.sent_at) AS day,
    epoch_us(s.responded_at) - epoch_us(s.sent_at) AS rtt_us,
    s.outcome = 'success' AND s.responded_at IS NOT NULL AS ok,
    coalesce(list_bool_or(list_transform(v.installs, t -> s.sent_at >= t - INTERVAL ({{installBeforeHours}}) HOUR
      AND s.sent_at <= t + INTERVAL ({{installAfterHours}}) HOUR)), FALSE) AS in_install,
    coalesce(list_bool_or(list_transform(v.gains, t -> s.sent_at >= t AND s.sent_at <= t + INTERVAL ({{cosGainAfterDays}}) DAY)), FALSE) AS in_cos_gain
  FROM src.service_requests s
  LEFT JOIN device_slice d ON d.device_id = s.device_id
  LEFT JOIN visit v ON v.party_id = s.party_id AND v.premise_id = d.premise_id
  WHERE s.month = '{{month}}'
)
SELECT i.item_id, r.party_id, r.role, r.day, r.meter_type, r.region, r.smets, r.model, r.firmware,
  r.command_variant, r.response_code, r.ok, r.rtt_us
FROM req r
JOIN (SELECT * REPLACE (item_id::item_id_t AS item_id) FROM report_item_srv) i ON i.srv = r.srv AND list_contains(i.roles, r.role) AND (i.variant IS NULL OR i.variant = r.variant)
WHERE i.kind = 'srv'
  AND CASE i.context
    WHEN 'install' THEN r.in_install
    WHEN 'cos_gain' THEN r.in_cos_gain
    WHEN 'bau' THEN NOT r.in_install AND NOT r.in_cos_gain
    WHEN 'not_install' THEN NOT r.in_install
    ELSE TRUE END;

CREATE OR REPLACE TABLE req_item AS
SELECT item_id, party_id::party_id_t AS party_id, role::role_t AS role, day, meter_type, region, smets, model, firmware,
  ok, rtt_us,
  CASE WHEN NOT ok THEN command_variant END AS command_variant, CASE WHEN NOT ok THEN response_code END AS response_code
FROM req_item_joined;
