-- Days Fluvius did not send whole: a register missing, a value null or unreadable, quarter-hours missing.
-- What was valid is in readings; a row here makes every page show the day as incomplete and the sync read
-- it again until it is whole, when the row goes. One row per meter, local (gas) day and resolution: the
-- daily values of a day may be whole while its quarter-hours are not.
CREATE TABLE incomplete_days (
    meter_id      bigint      NOT NULL REFERENCES meters (id) ON DELETE CASCADE,
    day           date        NOT NULL,
    resolution    text        NOT NULL CHECK (resolution IN ('DAY', 'QUARTER_HOUR', 'HOUR')),
    defect        text        NOT NULL
        CHECK (defect IN ('NULL_VALUE', 'UNREADABLE_VALUE', 'MISSING_REGISTER', 'MISSING_INTERVALS')),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (meter_id, day, resolution)
);
