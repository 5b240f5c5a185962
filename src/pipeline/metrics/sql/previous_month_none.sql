-- grain: as previous_month.sql, empty: no previous month was built in this work folder
CREATE OR REPLACE TEMP TABLE prev_contrib (family VARCHAR, cell VARCHAR, party_id VARCHAR, vol BIGINT);
CREATE OR REPLACE TEMP TABLE prev_seen (family VARCHAR, cell VARCHAR, reader VARCHAR);
