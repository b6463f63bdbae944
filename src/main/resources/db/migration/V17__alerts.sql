-- Alerts: what each user wants to be told and where (alert_settings), every occurrence of a rule raised for
-- them (alerts; unique per occurrence, so a restart or a second instance never raises it twice), and its
-- delivery on each channel (alert_deliveries: delivered once, retried with a backoff until then).
CREATE TABLE alert_settings (
    user_id               bigint       PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email                 text,
    webhook_url           text,
    -- 'json' (Home Assistant and other webhooks) or 'ntfy' (the URL of an ntfy topic)
    webhook_format        text         NOT NULL DEFAULT 'json',
    mqtt                  boolean      NOT NULL DEFAULT false,
    -- each rule is off when its threshold is NULL (or its switch false)
    peak_kw               numeric(8,3),
    peak_above_average    boolean      NOT NULL DEFAULT false,
    base_load_percent     integer,
    no_data_days          integer,
    account_attention     boolean      NOT NULL DEFAULT false,
    unusual_day_factor    numeric(5,2),
    updated_at            timestamptz  NOT NULL
);

CREATE TABLE alerts (
    id            bigserial    PRIMARY KEY,
    user_id       bigint       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rule          text         NOT NULL,
    -- what makes this occurrence this one: the rule's subject and when (e.g. meter 7, month 2025-06)
    occurrence    text         NOT NULL,
    meter_id      bigint       REFERENCES meters (id) ON DELETE CASCADE,
    account_id    bigint       REFERENCES fluvius_accounts (id) ON DELETE CASCADE,
    household_id  bigint       REFERENCES households (id) ON DELETE CASCADE,
    -- the figures the message shows, as text, in the order the message takes them
    args          text[]       NOT NULL,
    day           date,
    raised_at     timestamptz  NOT NULL,
    UNIQUE (user_id, rule, occurrence)
);
CREATE INDEX alerts_recent ON alerts (user_id, raised_at DESC);

CREATE TABLE alert_deliveries (
    alert_id         bigint       NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel          text         NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    delivered_at     timestamptz,
    last_error       text,
    -- when the next attempt is due; also moved ahead while an instance is sending (its lease)
    next_attempt_at  timestamptz  NOT NULL,
    PRIMARY KEY (alert_id, channel)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
