-- A dynamic period prices electricity per quarter-hour as factor × day-ahead price + adder (€/kWh); both or neither.
-- capacity_floor: how the capacity tariff's 2.5 kW minimum applies (each month's peak, or the 12-month average).
ALTER TABLE tariff_periods
    ADD COLUMN dynamic_factor numeric(12,6),
    ADD COLUMN dynamic_adder  numeric(12,6),
    ADD COLUMN capacity_floor text NOT NULL DEFAULT 'each_month',
    ADD CONSTRAINT tariff_periods_dynamic_whole CHECK ((dynamic_factor IS NULL) = (dynamic_adder IS NULL)),
    ADD CONSTRAINT tariff_periods_capacity_floor CHECK (capacity_floor IN ('each_month', 'average'));

-- Day-ahead market prices (Belgium), the same for every household: imported from files, a file replacing the
-- prices of the time it covers. Quarter-hours and hours side by side are never stored for the same time.
CREATE TABLE day_ahead_prices (
    period_start timestamptz   NOT NULL PRIMARY KEY,
    period_end   timestamptz   NOT NULL,
    eur_per_mwh  numeric(10,3) NOT NULL,
    imported_at  timestamptz   NOT NULL DEFAULT now(),
    CHECK (period_end > period_start)
);
