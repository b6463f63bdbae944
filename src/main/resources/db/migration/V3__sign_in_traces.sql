-- The redacted report of an account's latest sign-in (SignInTrace: no password, token, code, CSRF value or
-- email), so an owner can download it when signing in to Fluvius fails.
ALTER TABLE fluvius_accounts
    ADD COLUMN sign_in_trace    text,
    ADD COLUMN sign_in_trace_at timestamptz;
