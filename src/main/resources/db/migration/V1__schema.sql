-- Meterkast schema, version 1.
-- Enum-like columns hold the Java enum's database value (AccountStatus, Role) or name (MeterKind, Unit);
-- readings hold the domain enums' code() values (Tariff, Direction, Unit) as smallint.

CREATE TABLE users (
    id              bigserial   PRIMARY KEY,
    username        text        NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
    display_name    text        NOT NULL,
    password_hash   text        NOT NULL,
    is_admin        boolean     NOT NULL DEFAULT false,
    locale          text        NOT NULL DEFAULT 'nl-BE',
    -- every JWT carries the version it was issued under; bumping it revokes all sessions of the user
    session_version integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

CREATE TABLE households (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    household_id bigint      NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('owner', 'member')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (household_id, user_id)
);
-- "which households may this user see": every access-checked query starts here
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invites (
    id           bigserial   PRIMARY KEY,
    -- SHA-256 (hex) of the token sent to the invitee; the token itself is never stored
    token_hash   text        NOT NULL UNIQUE,
    created_by   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- null: an invitation to the portal only (the new user starts without a household)
    household_id bigint      REFERENCES households (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('owner', 'member')),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    used_by      bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invites_created_by_idx ON invites (created_by);
CREATE INDEX invites_household_idx ON invites (household_id);

CREATE TABLE fluvius_accounts (
    id               bigserial   PRIMARY KEY,
    household_id     bigint      NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    email            text        NOT NULL,
    -- AEAD ciphertexts (SecretBox), bound to this row: "fluvius_account:<id>:password" / ":tokens"
    password_secret  bytea       NOT NULL,
    tokens_secret    bytea,
    token_expires_at timestamptz,
    status           text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'linked', 'needs_password', 'locked', 'mfa_required', 'unavailable')),
    status_message   text,
    next_attempt_at  timestamptz,
    failure_count    integer     NOT NULL DEFAULT 0,
    last_sign_in_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX fluvius_accounts_household_email_key ON fluvius_accounts (household_id, lower(email));

CREATE TABLE meters (
    id           bigserial   PRIMARY KEY,
    household_id bigint      NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    -- unlinking a Fluvius account keeps the meter and its history
    account_id   bigint      REFERENCES fluvius_accounts (id) ON DELETE SET NULL,
    ean          char(18)    NOT NULL CHECK (ean ~ '^[0-9]{18}$'),
    serial       text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('ELECTRICITY', 'GAS')),
    label        text        NOT NULL,
    -- gas meters only: whether Fluvius reports volume or energy
    gas_unit     text        CHECK (gas_unit IN ('M3', 'KWH')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT meters_household_ean_key UNIQUE (household_id, ean),
    CHECK (gas_unit IS NULL OR kind = 'GAS')
);
CREATE INDEX meters_account_idx ON meters (account_id);

CREATE TABLE readings (
    meter_id     bigint        NOT NULL REFERENCES meters (id) ON DELETE CASCADE,
    period_start timestamptz   NOT NULL,
    period_end   timestamptz   NOT NULL,
    tariff       smallint      NOT NULL,
    direction    smallint      NOT NULL,
    unit         smallint      NOT NULL,
    value        numeric(16,4) NOT NULL,
    estimated    boolean       NOT NULL,
    fetched_at   timestamptz   NOT NULL DEFAULT now(),
    -- the primary key also serves "readings of a meter between two instants"
    PRIMARY KEY (meter_id, period_start, period_end, tariff, direction, unit),
    CHECK (period_end > period_start)
);

CREATE TABLE monthly_peaks (
    meter_id   bigint        NOT NULL REFERENCES meters (id) ON DELETE CASCADE,
    month      date          NOT NULL CHECK (extract(day FROM month) = 1),
    kilowatts  numeric(10,3) NOT NULL,
    peak_start timestamptz   NOT NULL,
    peak_end   timestamptz   NOT NULL,
    PRIMARY KEY (meter_id, month)
);

CREATE TABLE meter_sync (
    meter_id        bigint      PRIMARY KEY REFERENCES meters (id) ON DELETE CASCADE,
    backfill_done   boolean     NOT NULL DEFAULT false,
    -- the next day of quarter-hour/daily backfill still to fetch
    backfill_cursor date,
    last_success_at timestamptz,
    last_error      text,
    next_run_at     timestamptz,
    progress_done   integer     NOT NULL DEFAULT 0,
    progress_total  integer     NOT NULL DEFAULT 0
);
CREATE INDEX meter_sync_next_run_idx ON meter_sync (next_run_at);
