-- A meter added without a Fluvius account (issue 11) has imported Mijn Fluvius files as its only source; a meter
-- whose account was unlinked later has account_id NULL too, but its page says it no longer syncs. Every meter
-- before this version was added with an account.
ALTER TABLE meters ADD COLUMN files_only boolean NOT NULL DEFAULT false;
