-- Day-ahead prices are shared by the whole instance: a price file changes the costs of every household with a
-- dynamic period, so it bumps every household's page version (web.PageCache), as V14 does for household data.
CREATE FUNCTION bump_all_household_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_household_versions(ARRAY(SELECT id FROM households));
    RETURN NULL;
END $$;

CREATE TRIGGER day_ahead_prices_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON day_ahead_prices
    FOR EACH STATEMENT EXECUTE FUNCTION bump_all_household_versions();
