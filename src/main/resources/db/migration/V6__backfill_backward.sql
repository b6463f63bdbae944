-- The backfill now walks backward from yesterday (newest first) and stops where the meter's history at Fluvius
-- does: backfill_cursor is the oldest day it has read, backfill_newest the newest (new days since it started
-- are read before it goes on back).
ALTER TABLE meter_sync ADD COLUMN backfill_newest date;

-- A backfill under way walked forward (its cursor was the next day to fetch): it starts again under the new
-- plan. What it stored stays; re-reading it is an upsert.
UPDATE meter_sync
SET backfill_cursor = NULL, progress_done = 0, progress_total = 0
WHERE NOT backfill_done;

-- A finished one had a year of days and 30 days of quarter-hours, no hourly gas: it goes on back to the new
-- depth from there (electricity after its 30 quarter-hour days, gas from the start for its gas hours).
UPDATE meter_sync s
SET backfill_done = false,
    backfill_cursor = (now() AT TIME ZONE 'Europe/Brussels')::date - CASE WHEN m.kind = 'GAS' THEN 0 ELSE 30 END,
    backfill_newest = (now() AT TIME ZONE 'Europe/Brussels')::date - 1,
    progress_done = 0, progress_total = 0
FROM meters m
WHERE m.id = s.meter_id AND s.backfill_done;
