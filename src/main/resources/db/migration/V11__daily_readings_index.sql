-- Pages, exports and the API read a meter's whole days by themselves, but days and quarter-hours share the
-- table: through the primary key a year of days also walked every quarter-hour stored beside them (80 % of the
-- rows read, then dropped). This index holds the whole days only; its predicate is the one the days queries
-- use (ReadingRepository.DAYS_BETWEEN, FIRST_WHOLE_DAY), so the planner can take it.
CREATE INDEX readings_whole_days_idx ON readings (meter_id, period_start)
    WHERE period_end - period_start >= interval '23 hours';
