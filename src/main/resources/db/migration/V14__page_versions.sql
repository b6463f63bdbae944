-- A version per household for the ETags and the page cache (web.PageCache): every page, export and API read
-- shows data of the signed-in user's households only, so a page is current while the versions of those
-- households are. Triggers bump them in the same transaction as the write, whichever code path or instance
-- wrote (the sync, an import, a form, the API, a backup import): a page cannot be stale after a commit,
-- and a write by one instance invalidates the pages of every other instance sharing this database.
-- Versions come from one sequence, so a version never comes back after a household is deleted and recreated.
CREATE SEQUENCE page_version_seq;

CREATE TABLE household_versions (
    household_id bigint PRIMARY KEY,
    version      bigint NOT NULL
);
INSERT INTO household_versions (household_id, version) SELECT id, nextval('page_version_seq') FROM households;

-- In household order, so two statements that bump the same households lock their rows in the same order.
CREATE FUNCTION bump_household_versions(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO household_versions (household_id, version)
    SELECT id, nextval('page_version_seq') FROM (SELECT DISTINCT id FROM unnest(ids) AS u (id) WHERE id IS NOT NULL ORDER BY id) s
    ON CONFLICT (household_id) DO UPDATE SET version = excluded.version;
$$;

-- Statement-level with transition tables: one bump per statement, however many rows (a year of quarter-hours is
-- one statement). PostgreSQL allows transition tables on single-event triggers only, hence three triggers each.
CREATE FUNCTION bump_versions_by_meter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_household_versions(ARRAY(
        SELECT m.household_id FROM meters m WHERE m.id IN (SELECT DISTINCT meter_id FROM changed)));
    RETURN NULL;
END $$;

CREATE FUNCTION bump_versions_by_household() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_household_versions(ARRAY(SELECT DISTINCT household_id FROM changed));
    IF TG_OP = 'UPDATE' THEN
        -- a row that moved to another household changes the page of the one it left too
        PERFORM bump_household_versions(ARRAY(SELECT DISTINCT household_id FROM before));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION bump_versions_of_household() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_household_versions(ARRAY(SELECT id FROM changed));
    RETURN NULL;
END $$;

-- Display name and language of a user show on the household pages of everyone in their households.
CREATE FUNCTION bump_versions_by_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_household_versions(ARRAY(
        SELECT ms.household_id FROM memberships ms WHERE ms.user_id IN (SELECT id FROM changed)));
    RETURN NULL;
END $$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('readings', 'bump_versions_by_meter'), ('monthly_peaks', 'bump_versions_by_meter'),
        ('meter_sync', 'bump_versions_by_meter'), ('incomplete_days', 'bump_versions_by_meter'),
        ('csv_imports', 'bump_versions_by_meter'),
        ('meters', 'bump_versions_by_household'), ('memberships', 'bump_versions_by_household'),
        ('invites', 'bump_versions_by_household'), ('fluvius_accounts', 'bump_versions_by_household'),
        ('tariff_periods', 'bump_versions_by_household'),
        ('households', 'bump_versions_of_household')) AS v (tab, fn)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_version_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS changed '
            || 'FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tab, t.fn);
        EXECUTE format('CREATE TRIGGER %1$s_version_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS before '
            || 'NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tab, t.fn);
        EXECUTE format('CREATE TRIGGER %1$s_version_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS changed '
            || 'FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tab, t.fn);
    END LOOP;
END $$;

CREATE TRIGGER users_version_update AFTER UPDATE ON users REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION bump_versions_by_user();
