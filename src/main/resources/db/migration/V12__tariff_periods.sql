-- A household's prices, each period valid from its date until the next period's: a new contract adds a
-- period and old months keep their old prices. Every price is optional (NULL: not known, said so in costs).
CREATE TABLE tariff_periods (
    household_id           bigint        NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    valid_from             date          NOT NULL,
    energy_day             numeric(12,6),
    energy_night           numeric(12,6),
    energy_single          numeric(12,6),
    injection              numeric(12,6),
    gas                    numeric(12,6),
    capacity_per_kw_year   numeric(12,6),
    fixed_per_year         numeric(12,4),
    vat_percent            numeric(5,2)  NOT NULL DEFAULT 6,
    -- the prices above as the bill shows them: with VAT included, or before VAT
    prices_include_vat     boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (household_id, valid_from)
);
