-- The sync's schedule shared by every instance on this database (several instances behind a load balancer).
-- An instance claims an account's due work by writing its id and a lease end here (SELECT … FOR UPDATE SKIP
-- LOCKED picks unclaimed rows); it renews the lease while the run goes on, so the claim of an instance that
-- died lapses and another instance takes the account over. Times are the sync clock's, except
-- next_request_at, which is the database's own clock: the request pace is about real seconds.
CREATE TABLE account_sync (
    account_id         bigint      PRIMARY KEY REFERENCES fluvius_accounts (id) ON DELETE CASCADE,
    -- the instance whose run owns the account's meters now, and which of its claims (a release of an old
    -- claim must not end a newer one)
    claimed_by         text,
    claim_id           bigint,
    claim_expires_at   timestamptz,
    -- Fluvius asked to slow down (429, or Retry-After): none of the account's meters runs before this
    paused_until       timestamptz,
    -- the earliest moment the account's next data request may leave, whichever instance sends it
    next_request_at    timestamptz,
    -- one sign-in per account at a time across instances
    sign_in_by         text,
    sign_in_expires_at timestamptz
);
INSERT INTO account_sync (account_id) SELECT id FROM fluvius_accounts;

-- The meter's row of failures, so the backoff continues where it was when another instance takes over.
-- runs_finished counts finished runs: an instance that asked for a run under way elsewhere waits for it to grow.
ALTER TABLE meter_sync
    ADD COLUMN failures_in_a_row integer NOT NULL DEFAULT 0,
    ADD COLUMN failing_since     timestamptz,
    ADD COLUMN runs_finished     bigint  NOT NULL DEFAULT 0;
