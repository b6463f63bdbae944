-- Mijn Fluvius CSV files imported into a meter: where its data came from and when, for its page and the API.
CREATE TABLE csv_imports (
    id          bigserial   PRIMARY KEY,
    meter_id    bigint      NOT NULL REFERENCES meters (id) ON DELETE CASCADE,
    file_name   text        NOT NULL,
    imported_by bigint      REFERENCES users (id) ON DELETE SET NULL,
    imported_at timestamptz NOT NULL,
    -- values written (new or changed), already stored as they are, and left out (with the reasons in the report)
    imported    integer     NOT NULL,
    unchanged   integer     NOT NULL,
    skipped     integer     NOT NULL,
    first_day   date,
    last_day    date
);
CREATE INDEX csv_imports_meter_idx ON csv_imports (meter_id, imported_at DESC);
