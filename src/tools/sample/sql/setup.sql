-- grain: lookup tables of the sample world (one row per month, SRV/role, slot or reference code)
-- Pseudo-random numbers that depend only on their arguments (deterministic, seedable). Salts are
-- chained through DuckDB's 64-bit integer hash (a Murmur finalizer) so different salts are independent.
CREATE OR REPLACE MACRO mix(h, x) AS hash(xor(h, hash(x)));
CREATE OR REPLACE MACRO unit(h) AS ((h >> 11)::DOUBLE / 9007199254740992.0);
-- u01: a uniform in [0,1) for (a, b, c, d) under the seed.
CREATE OR REPLACE MACRO u01(a, b, c, d) AS unit(mix(mix(mix(mix(hash({{seed}}::UBIGINT), a), b), c), d));
-- rowhash / uh: one base hash per generated row, then its k-th uniform (cheap on hot paths).
CREATE OR REPLACE MACRO rowhash(salt, i) AS hash(xor(i::UBIGINT, hash({{seed}}::UBIGINT, salt)));
CREATE OR REPLACE MACRO uh(h, k) AS unit(hash(xor(h, hash(k::UBIGINT))));
CREATE OR REPLACE MACRO gauss(u1, u2) AS (sqrt(-2 * ln(1 - u1)) * cos(2 * pi() * u2));
CREATE OR REPLACE MACRO ms(x) AS to_milliseconds(floor(x)::BIGINT);
-- Hot paths keep times as epoch milliseconds: TIMESTAMPTZ ± INTERVAL goes through ICU for every row.
-- to_timestamp(ms / 1000.0) is exact here (the double error is far below half a microsecond).
CREATE OR REPLACE MACRO ts(msec) AS to_timestamp(msec / 1000.0);
-- eui_tail: the last five EUI-64 octets of a 40-bit number, e.g. 0A-1B-2C-3D-4E.
CREATE OR REPLACE MACRO hex10(n) AS lpad(upper(to_hex(n)), 10, '0');
CREATE OR REPLACE MACRO eui_tail(n) AS
  concat_ws('-', hex10(n)[1:2], hex10(n)[3:4], hex10(n)[5:6], hex10(n)[7:8], hex10(n)[9:10]);

CREATE OR REPLACE TABLE months AS
SELECT month_no, month,
  strptime(month || '-01', '%Y-%m-%d')::TIMESTAMPTZ AS month_start,
  (strptime(month || '-01', '%Y-%m-%d') + INTERVAL 1 MONTH)::TIMESTAMPTZ AS month_end,
  strptime(month || '-01', '%Y-%m-%d')::DATE AS first_day,
  (strptime(month || '-01', '%Y-%m-%d') + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS last_day
FROM window_months;

CREATE OR REPLACE TABLE window_bounds AS
SELECT min(month_start) AS window_start, max(month_end) AS window_end, min(first_day) AS first_day, max(last_day) AS last_day FROM months;

CREATE OR REPLACE TABLE srv_ref AS
SELECT srv, string_split(roles, ';') AS roles, non_device = 'Yes' AS non_device
FROM read_csv('{{referenceDir}}/srv-duis.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE response_ref AS
SELECT code FROM read_csv('{{referenceDir}}/response-codes.csv', header = true, all_varchar = true);
CREATE TYPE response_code AS ENUM (SELECT code FROM response_ref ORDER BY code);
-- code_of(n): the n-th (0-based) response code in code order.
CREATE OR REPLACE MACRO code_of(n) AS enum_range(NULL::response_code)[n + 1]::response_code;

CREATE OR REPLACE TABLE party_roles AS
SELECT party_id, unnest(string_split(roles, ';')) AS role, share, region FROM sample_parties;

-- Weighted choice tables: a uniform slot 0..N-1 maps to one item with probability ∝ weight.
CREATE OR REPLACE TABLE supplier_slots AS
WITH w AS (
  SELECT role, party_id, share,
    sum(share) OVER (PARTITION BY role ORDER BY party_id ROWS UNBOUNDED PRECEDING) AS cum,
    sum(share) OVER (PARTITION BY role) AS total
  FROM party_roles WHERE role <> 'ED'
)
SELECT role, s.slot, party_id FROM w JOIN range(10000) s(slot)
  ON s.slot >= floor((cum - share) / total * 10000) AND s.slot < floor(cum / total * 10000);

CREATE OR REPLACE TABLE dno_slots AS
WITH w AS (
  SELECT region, party_id, row_number() OVER (PARTITION BY region ORDER BY party_id) - 1 AS k, count(*) OVER (PARTITION BY region) AS n
  FROM party_roles WHERE role = 'ED'
)
SELECT region, s.slot, party_id FROM w JOIN range(1000) s(slot) ON s.slot % n = k;

CREATE OR REPLACE TABLE model_slots AS
WITH regions(region) AS (VALUES ('North'), ('Central'), ('South')),
w AS (
  SELECT r.region, m.device_type, m.smets, m.model_no, m.weight,
    sum(m.weight) OVER (PARTITION BY r.region, m.device_type, m.smets ORDER BY m.model_no ROWS UNBOUNDED PRECEDING) AS cum,
    sum(m.weight) OVER (PARTITION BY r.region, m.device_type, m.smets) AS total
  FROM device_models m JOIN regions r ON m.region = '' OR contains(m.region, r.region)
)
SELECT region, device_type, smets, s.slot, model_no FROM w JOIN range(1000) s(slot)
  ON s.slot >= floor((cum - weight) / total * 1000) AND s.slot < floor(cum / total * 1000);

CREATE OR REPLACE TABLE firmware_slots AS
WITH w AS (
  SELECT model_no, firmware_no, weight,
    sum(weight) OVER (PARTITION BY model_no ORDER BY firmware_no ROWS UNBOUNDED PRECEDING) AS cum,
    sum(weight) OVER (PARTITION BY model_no) AS total
  FROM model_firmware
)
SELECT model_no, s.slot, firmware_no FROM w JOIN range(1000) s(slot)
  ON s.slot >= floor((cum - weight) / total * 1000) AND s.slot < floor(cum / total * 1000);

-- Failure response codes per SRV: generic codes plus the SRV's own six-digit codes.
CREATE OR REPLACE TABLE fail_code_choices AS
WITH generic(code, weight) AS (VALUES ('E20', 14), ('E21', 14), ('E4', 6), ('E5', 6), ('E19', 3), ('E11', 2), ('E12', 2), ('E3', 1), ('E30', 2)),
prefixed AS (
  SELECT srv, 'E' || lpad(split_part(srv, '.', 1), 2, '0') || lpad(split_part(srv, '.', 2), 2, '0') AS prefix FROM srv_ref
),
candidates AS (
  SELECT p.srv, g.code, g.weight::DOUBLE AS weight FROM prefixed p CROSS JOIN generic g
  UNION ALL
  SELECT p.srv, r.code, 40.0 / count(*) OVER (PARTITION BY p.srv) FROM prefixed p JOIN response_ref r
    ON length(r.code) = 7 AND starts_with(r.code, p.prefix)
)
SELECT m.srv_no, r.code_no, c.weight FROM candidates c JOIN srv_mix m USING (srv)
JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS code_no FROM response_ref) r USING (code);

-- Business-as-usual request mix: each (SRV, eligible role) with its device kind and weight. Requests are
-- drawn per addressable device of a group (a role and the kind it addresses; no-device SRVs still pick a meter, for the party).
CREATE OR REPLACE TABLE mix_rows AS
SELECT *, CASE WHEN kind <> '-' THEN kind WHEN role = 'GS' THEN 'G' ELSE 'E' END AS pool_kind
FROM (
  SELECT m.srv, m.srv_no, rw.role,
    CASE rw.role WHEN 'IS' THEN m.kind_is WHEN 'GS' THEN m.kind_gs WHEN 'ES' THEN m.kind_es ELSE m.kind_ed END AS kind,
    m.weight * rw.weight AS weight, r.non_device
  FROM srv_mix m JOIN srv_ref r USING (srv) JOIN role_weights rw ON list_contains(r.roles, rw.role)
  WHERE m.weight > 0
);

CREATE OR REPLACE TABLE mix_groups AS
SELECT row_number() OVER (ORDER BY role, pool_kind) - 1 AS group_no, role, pool_kind, sum(weight) AS weight
FROM mix_rows GROUP BY role, pool_kind;

-- The SRV choice within a group (value = srv_no * 4 + 2 when no device is addressed + 1 when a device is optional).
CREATE OR REPLACE TABLE srv_choices AS
SELECT g.group_no, r.srv_no, r.weight, r.srv_no * 4 + (r.kind = '-')::INTEGER * 2 + r.non_device::INTEGER AS value
FROM mix_rows r JOIN mix_groups g USING (role, pool_kind);

-- Relative request volume by local hour and day: busier in working hours, quieter at night and at weekends.
CREATE OR REPLACE TABLE hour_shape AS
SELECT h AS hour, CASE WHEN h < 6 THEN 0.6 WHEN h < 8 THEN 0.85 WHEN h < 18 THEN 1.3 WHEN h < 22 THEN 1.0 ELSE 0.75 END AS weight
FROM range(24) t(h);
