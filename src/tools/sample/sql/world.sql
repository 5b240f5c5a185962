-- grain: one row per premise (premises), per device (devices) and per registration period (registrations), whole window
CREATE OR REPLACE TABLE window_days AS
WITH d AS (
  SELECT day::DATE AS day, isodow(day) AS dow FROM window_bounds,
    generate_series(first_day::TIMESTAMP, last_day::TIMESTAMP, INTERVAL 1 DAY) g(day)
),
w AS (SELECT day, CASE dow WHEN 6 THEN 0.35 WHEN 7 THEN 0.12 ELSE 1.0 END AS weight FROM d),
c AS (SELECT day, weight, sum(weight) OVER (ORDER BY day ROWS UNBOUNDED PRECEDING) AS cum, sum(weight) OVER () AS total FROM w)
SELECT day, s.slot FROM c JOIN range(10000) s(slot)
  ON s.slot >= floor((cum - weight) / total * 10000) AND s.slot < floor(cum / total * 10000);

CREATE OR REPLACE TABLE premises AS
WITH base AS (
  SELECT i AS pidx, 'PR' || lpad(i::VARCHAR, 8, '0') AS premise_id,
    CASE WHEN u01('pr', i, 1, 0) < 0.27 THEN 'North' WHEN u01('pr', i, 1, 1) < 0.55 THEN 'Central' ELSE 'South' END AS region,
    CASE WHEN u01('pr', i, 2, 0) < 0.36 THEN 'SMETS1' ELSE 'SMETS2' END AS smets,
    u01('pr', i, 3, 0) < 0.8 AS has_gas,
    u01('pr', i, 4, 0) < 0.09 AS has_export,
    u01('pr', i, 5, 0) < 0.18 AS prepay,
    CASE WHEN u01('pr', i, 6, 0) < 0.9 THEN 'A' WHEN u01('pr', i, 6, 1) < 0.6 THEN 'B' ELSE 'C' END AS esme_variant,
    u01('pr', i, 7, 0) < {{installShare}} AS installed_in_window,
    u01('pr', i, 8, 0) < 0.12 AS install_no_wan,
    u01('pr', i, 9, 0) < {{cosShare}} AS wants_cos,
    floor(u01('pr', i, 10, 0) * 10000)::BIGINT AS elec_slot,
    floor(u01('pr', i, 11, 0) * 10000)::BIGINT AS gas_slot,
    u01('pr', i, 12, 0) < 0.85 AS gas_with_elec,
    floor(u01('pr', i, 13, 0) * 10000)::BIGINT AS export_slot,
    floor(u01('pr', i, 14, 0) * 1000)::BIGINT AS dno_slot,
    floor(u01('pr', i, 15, 0) * 10000)::BIGINT AS install_slot,
    u01('pr', i, 16, 0) AS u_install_time,
    floor(u01('pr', i, 17, 0) * 10000)::BIGINT AS cos_slot,
    floor(u01('pr', i, 18, 0) * 10000)::BIGINT AS cos_party_slot,
    u01('pr', i, 19, 0) AS u_cos_time,
    u01('pr', i, 20, 0) AS u_age
  FROM range({{premises}}) t(i)
),
parties AS (
  SELECT b.*, e.party_id AS elec_party, g.party_id AS gas_pick, x.party_id AS export_pick, d.party_id AS dno_party,
    n.party_id AS new_elec_pick, wd.day AS install_day, cd.day AS cos_day
  FROM base b
  JOIN supplier_slots e ON e.role = 'IS' AND e.slot = b.elec_slot
  JOIN supplier_slots g ON g.role = 'GS' AND g.slot = b.gas_slot
  LEFT JOIN supplier_slots x ON x.role = 'ES' AND x.slot = b.export_slot
  JOIN dno_slots d ON d.region = b.region AND d.slot = b.dno_slot
  JOIN supplier_slots n ON n.role = 'IS' AND n.slot = b.cos_party_slot
  JOIN window_days wd ON wd.slot = b.install_slot
  JOIN window_days cd ON cd.slot = b.cos_slot
),
resolved AS (
  SELECT p.*,
    CASE WHEN NOT has_gas THEN NULL
      WHEN gas_with_elec AND elec_party IN (SELECT party_id FROM party_roles WHERE role = 'GS') THEN elec_party
      ELSE gas_pick END AS gas_party,
    CASE WHEN NOT has_export THEN NULL
      WHEN elec_party IN (SELECT party_id FROM party_roles WHERE role = 'ES') THEN elec_party
      ELSE export_pick END AS export_party,
    CASE WHEN installed_in_window
      THEN (install_day::TIMESTAMP + ms((8 + u_install_time * 9) * 3600000))::TIMESTAMPTZ END AS install_ts,
    CASE WHEN installed_in_window THEN install_day
      ELSE (SELECT first_day FROM window_bounds) - (30 + floor(u_age * CASE smets WHEN 'SMETS1' THEN 3000 ELSE 2200 END))::INT END AS reg_start
  FROM parties p
)
SELECT r.* EXCLUDE (cos_day, new_elec_pick, gas_pick, export_pick),
  CASE WHEN cos THEN cos_day END AS gain_day,
  CASE WHEN cos THEN (cos_day::TIMESTAMP + ms((9 + u_cos_time * 8) * 3600000))::TIMESTAMPTZ END AS gain_ts,
  CASE WHEN cos THEN new_elec_pick END AS new_elec,
  cos AND gas_party = elec_party AND new_elec_pick IN (SELECT party_id FROM party_roles WHERE role = 'GS') AS gas_moves
FROM (
  SELECT *, wants_cos AND new_elec_pick <> elec_party AND (NOT installed_in_window OR cos_day >= install_day + 5) AS cos FROM resolved
) r;

-- Devices: ESME, CHF, IHD or PPMID at every premise; GSME and GPF where there is gas.
CREATE OR REPLACE TABLE devices_all AS
WITH kinds(type_no, kind) AS (VALUES (0, 'E'), (1, 'C'), (2, 'H'), (3, 'G'), (4, 'P')),
d AS (
  SELECT p.pidx, p.premise_id, p.region, p.smets, p.prepay, p.esme_variant, p.install_ts, p.install_no_wan, p.reg_start,
    k.type_no, k.kind, p.pidx * 5 + k.type_no AS serial,
    CASE k.kind WHEN 'E' THEN 'ESME' WHEN 'C' THEN 'CHF' WHEN 'G' THEN 'GSME' WHEN 'P' THEN 'GPF'
      ELSE CASE WHEN u01('dv', p.pidx, 1, 0) < CASE WHEN p.prepay THEN 0.7 ELSE 0.05 END THEN 'PPMID' ELSE 'IHD' END END AS device_type
  FROM premises p JOIN kinds k ON k.type_no < 3 OR p.has_gas
),
m AS (
  SELECT d.*, ms.model_no, fs.firmware_no, u01('dv', serial, 4, 0) AS u_status FROM d
  JOIN model_slots ms ON ms.region = d.region AND ms.device_type = d.device_type AND ms.smets = d.smets
    AND ms.slot = floor(u01('dv', serial, 2, 0) * 1000)
  JOIN firmware_slots fs ON fs.model_no = ms.model_no AND fs.slot = floor(u01('dv', serial, 3, 0) * 1000)
)
SELECT m.serial, m.pidx, m.kind,
  dm.oui || '-' || eui_tail((m.serial * 2654435761 + 7919) % 1099511627776) AS device_id,
  m.premise_id, m.device_type::device_type_code AS device_type, m.smets::smets_code AS smets, dm.manufacturer::manufacturer_code AS manufacturer,
  dm.model::model_code AS model, mf.firmware::firmware_code AS firmware, m.region::region_code AS region,
  CASE m.region WHEN 'North' THEN 0 WHEN 'Central' THEN 1 ELSE 2 END::UTINYINT AS region_no, m.smets = 'SMETS1' AS smets1,
  CASE WHEN m.device_type IN ('ESME', 'GSME') THEN CASE WHEN m.prepay THEN 'Prepayment' ELSE 'Credit' END END::meter_type_code AS meter_type,
  CASE WHEN m.device_type = 'ESME' THEN m.esme_variant END::esme_variant_code AS esme_variant,
  CASE WHEN m.install_no_wan AND m.install_ts IS NOT NULL THEN 'InstalledNotCommissioned'
    WHEN m.install_ts IS NOT NULL OR m.u_status < 0.965 THEN 'Commissioned'
    WHEN m.u_status < 0.975 THEN 'Suspended'
    WHEN m.u_status < 0.985 THEN 'InstalledNotCommissioned'
    WHEN m.u_status < 0.995 THEN 'Decommissioned'
    ELSE 'Withdrawn' END::device_status AS status,
  m.reg_start AS commissioned_date,
  m.install_ts,
  dm.fail_factor * mf.fail_factor AS dev_fail,
  dm.rtt_factor * CASE WHEN mf.fail_factor > 1.5 THEN 1.4 ELSE 1 END AS dev_rtt,
  -- North is long-range radio, SMETS1 goes through a service provider: both fail more and answer slower.
  dev_fail * CASE m.region WHEN 'North' THEN 1.6 WHEN 'South' THEN 0.9 ELSE 1 END * CASE m.smets WHEN 'SMETS1' THEN 1.8 ELSE 1 END AS fail_mult,
  dev_rtt * CASE m.region WHEN 'North' THEN 1.8 ELSE 1 END * CASE m.smets WHEN 'SMETS1' THEN 2.2 ELSE 1 END AS rtt_mult
FROM m JOIN device_models dm USING (model_no) JOIN model_firmware mf USING (model_no, firmware_no)
-- Stored in file order: the monthly files then scan it without sorting again.
ORDER BY m.serial;

-- Registrations: supplier per role from reg_start, split at the change-of-supplier gain day.
CREATE OR REPLACE TABLE registrations_all AS
SELECT premise_id, r::role_code AS role, party_id::party_code AS party_id, valid_from, valid_to FROM (
  SELECT premise_id, 'IS' AS r, elec_party AS party_id, reg_start AS valid_from, gain_day AS valid_to FROM premises
  UNION ALL SELECT premise_id, 'IS', new_elec, gain_day, NULL FROM premises WHERE gain_day IS NOT NULL
  UNION ALL SELECT premise_id, 'GS', gas_party, reg_start, CASE WHEN gas_moves THEN gain_day END FROM premises WHERE has_gas
  UNION ALL SELECT premise_id, 'GS', new_elec, gain_day, NULL FROM premises WHERE gas_moves
  UNION ALL SELECT premise_id, 'ES', export_party, reg_start, NULL FROM premises WHERE has_export AND export_party IS NOT NULL
  UNION ALL SELECT premise_id, 'ED', dno_party, reg_start, NULL FROM premises
)
ORDER BY premise_id, r, valid_from;
