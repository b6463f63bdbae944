-- Status and error messages were stored as English sentences; pages now word them in the reader's language
-- from a code and its parameters (status.<code> in the message bundles). The English text stays, for logs,
-- the API, and rows whose sentence is not one of the sync's own (shown as they are).
ALTER TABLE fluvius_accounts
    ADD COLUMN status_code text,
    ADD COLUMN status_args text[] NOT NULL DEFAULT '{}';
ALTER TABLE meter_sync
    ADD COLUMN last_error_code text,
    ADD COLUMN last_error_args text[] NOT NULL DEFAULT '{}';

-- A user without a language follows their browser until they choose one (users an administrator creates,
-- the demo's): they used to start in Dutch, whatever their browser asked for.
ALTER TABLE users ALTER COLUMN locale DROP NOT NULL, ALTER COLUMN locale DROP DEFAULT;

-- The sentences Meterkast stored so far, as patterns whose groups are the code's parameters, in order.
CREATE TEMPORARY TABLE status_sentences (code text PRIMARY KEY, pattern text NOT NULL, has_args boolean NOT NULL)
    ON COMMIT DROP;
INSERT INTO status_sentences VALUES
    ('fluvius.invalid_credentials',
     '^Fluvius rejected the email or password(.*)\. Check them on mijn\.fluvius\.be; Meterkast will not try this password again\.$', true),
    ('fluvius.account_locked',
     '^Fluvius has temporarily locked this account(.*)\. Wait before signing in again, or reset the password on mijn\.fluvius\.be\.$', true),
    ('fluvius.sign_in_rejected', '^Fluvius refused the sign-in(.*)\.$', true),
    ('fluvius.interaction_required',
     '^Fluvius asks for an extra step \((.*)\) that only a browser can do\. Two-step verification must be switched off on mijn\.fluvius\.be for Meterkast to sign in\.$', true),
    ('fluvius.sign_in_error',
     '^Fluvius stopped the sign-in at step ''(.*)'' \(HTTP (\d+)\): (.*)\. If this persists, send the sign-in diagnostics to Meterkast''s developers\.$', true),
    ('fluvius.portal_changed', '^Fluvius'' portal changed at step ''(.*?)'': (.*)\. Meterkast needs an update to sign in\.$', true),
    ('fluvius.unavailable', '^Fluvius is unavailable \((.*)\)\. Try again later\.$', true),
    ('fluvius.rate_limited', '^Fluvius asks to slow down\.$', false),
    ('fluvius.rate_limited_for', '^Fluvius asks to slow down; retry after (\d+) s\.$', true),
    ('fluvius.unauthorized', '^Fluvius did not accept the token \((.*)\); sign in again\.$', true),
    ('fluvius.no_such_meter',
     '^Fluvius has no meter with EAN (\d+) and serial (.*) on this account \(HTTP (\d+)\)\. Check both on mijn\.fluvius\.be\.$', true),
    ('fluvius.request_refused', '^Fluvius refused the (.*) request \(HTTP (\d+)\)(.*)$', true),
    ('sync.unexpected', '^The sync failed unexpectedly \((.*)\); it will try again\.$', true),
    ('sync.long_outage', ' Fluvius has failed for (\d+) minutes: Meterkast now tries less often\.$', true),
    ('sign_in.unexpected', '^Signing in to Fluvius failed unexpectedly; Meterkast will try again later\.$', false),
    ('account.blocked.locked', '^Fluvius has locked this account; it needs a new password', false),
    ('account.blocked.mfa_required', '^Fluvius asks for two-step verification, which Meterkast cannot do\.', false),
    ('account.blocked.needs_password',
     '^Fluvius rejected the password; the account needs a new password before Meterkast syncs again\.$', false);

-- The long-outage sentence is appended to another: it wins, so it goes first
UPDATE meter_sync s SET last_error_code = p.code,
       last_error_args = CASE WHEN p.has_args THEN regexp_match(s.last_error, p.pattern) ELSE '{}' END
FROM status_sentences p
WHERE p.code = 'sync.long_outage' AND s.last_error ~ p.pattern;
UPDATE meter_sync s SET last_error_code = p.code,
       last_error_args = CASE WHEN p.has_args THEN regexp_match(s.last_error, p.pattern) ELSE '{}' END
FROM status_sentences p
WHERE s.last_error_code IS NULL AND s.last_error ~ p.pattern;
UPDATE fluvius_accounts a SET status_code = p.code,
       status_args = CASE WHEN p.has_args THEN regexp_match(a.status_message, p.pattern) ELSE '{}' END
FROM status_sentences p
WHERE a.status_message ~ p.pattern;
