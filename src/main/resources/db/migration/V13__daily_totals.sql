-- A day's figures (issue 14): its daily values as Fluvius sent them, else the sum of its finest shorter periods
-- (quarter-hours, else hours), one row per register and unit. Pages, the API's daily view, compare and the daily
-- exports read these rows instead of summing quarter-hours on every request: a 365-day page reads ~365 rows.
-- store.DailyTotalRepository keeps them in the transaction that writes readings; this fills them once from the
-- readings already stored, with the same rule (gas days run 06:00-06:00 local time).
CREATE TABLE daily_totals (
    meter_id     bigint        NOT NULL REFERENCES meters (id) ON DELETE CASCADE,
    -- the local (gas) day the figures are of
    day          date          NOT NULL,
    period_start timestamptz   NOT NULL,
    period_end   timestamptz   NOT NULL,
    tariff       smallint      NOT NULL,
    direction    smallint      NOT NULL,
    unit         smallint      NOT NULL,
    value        numeric(18,4) NOT NULL,
    estimated    boolean       NOT NULL,
    -- true: the sum of the day's quarter-hours or hours, the day having no daily value
    summed       boolean       NOT NULL,
    PRIMARY KEY (meter_id, period_start, period_end, tariff, direction, unit)
);
CREATE INDEX daily_totals_day_idx ON daily_totals (meter_id, day);

INSERT INTO daily_totals (meter_id, day, period_start, period_end, tariff, direction, unit, value, estimated, summed)
WITH stored AS (
    SELECT r.meter_id, r.period_start, r.period_end, r.tariff, r.direction, r.unit, r.value, r.estimated,
           r.period_end - r.period_start >= interval '23 hours' AS whole,
           CASE WHEN mt.kind = 'GAS'
                THEN ((r.period_start AT TIME ZONE 'Europe/Brussels') - interval '6 hours')::date
                ELSE (r.period_start AT TIME ZONE 'Europe/Brussels')::date END AS day,
           CASE WHEN mt.kind = 'GAS' THEN time '06:00' ELSE time '00:00' END AS day_start
    FROM readings r JOIN meters mt ON mt.id = r.meter_id),
per_day AS (
    SELECT meter_id, day, bool_or(whole) AS has_whole, min(period_end - period_start) FILTER (WHERE NOT whole) AS step
    FROM stored GROUP BY meter_id, day),
summed AS (
    SELECT s.meter_id, s.day, (s.day + s.day_start) AT TIME ZONE 'Europe/Brussels' AS period_start,
           (s.day + 1 + s.day_start) AT TIME ZONE 'Europe/Brussels' AS period_end,
           s.tariff, s.direction, s.unit, sum(s.value) AS value, bool_or(s.estimated) AS estimated
    FROM stored s JOIN per_day p ON p.meter_id = s.meter_id AND p.day = s.day
    WHERE NOT p.has_whole AND NOT s.whole AND s.period_end - s.period_start = p.step
    GROUP BY s.meter_id, s.day, s.day_start, s.tariff, s.direction, s.unit)
SELECT meter_id, day, period_start, period_end, tariff, direction, unit, value, estimated, false FROM stored WHERE whole
UNION ALL
SELECT meter_id, day, period_start, period_end, tariff, direction, unit, value, estimated, true FROM summed;
