-- Keys the instance makes for itself (the session-signing key), encrypted with the instance's SecretBox key.
CREATE TABLE instance_secrets (
    name       text PRIMARY KEY,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Sessions ended before their token expired (logout). Password changes and user removal end every session
-- of a user at once through users.session_version instead.
CREATE TABLE revoked_sessions (
    token_id   text PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_expiry ON revoked_sessions (expires_at);
