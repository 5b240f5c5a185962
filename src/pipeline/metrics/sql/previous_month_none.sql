-- grain: as previous_month.sql, empty until previous_month.sql adds each earlier month built in this work folder
CREATE OR REPLACE TEMP TABLE prev_contrib (month VARCHAR, family VARCHAR, cell VARCHAR, party_id VARCHAR, vol BIGINT);
CREATE OR REPLACE TEMP TABLE prev_seen (month VARCHAR, family VARCHAR, cell VARCHAR, reader VARCHAR);
