package be.meterkast.fluvius.sim;

import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Simulated meter data")
class MeterDataGeneratorTest {
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final SimMeter EV = SimAccounts.DEMO_EV;
    private static final SimMeter PLAIN = SimAccounts.FAMILY_PLAIN;
    private static final SimMeter GAS = SimAccounts.DEMO_GAS;
    private static final LocalDate SUMMER_DAY = LocalDate.of(2025, 6, 24);

    @Test
    @DisplayName("withCheckDigit appends the GS1 mod-10 check digit")
    void checkDigit() {
        assertThat(SimMeter.withCheckDigit("400638133393")).isEqualTo("4006381333931");
        assertThat(SimAccounts.DEMO_SOLAR.ean()).isEqualTo("541448820000000015").hasSize(18);
    }

    @Test
    @DisplayName("a local day has 92 quarter-hours on the last Sunday of March, 100 on the last of October, else 96")
    void quarterHoursFollowDst() {
        assertThat(MeterDataGenerator.quarterHours(LocalDate.of(2025, 3, 30))).hasSize(92);
        assertThat(MeterDataGenerator.quarterHours(LocalDate.of(2025, 10, 26))).hasSize(100);
        assertThat(MeterDataGenerator.quarterHours(LocalDate.of(2025, 11, 20))).hasSize(96)
                .first().isEqualTo(Instant.parse("2025-11-19T23:00:00Z"));
    }

    @Test
    @DisplayName("the day register runs on weekdays from 07:00 to 22:00 local time")
    void tariff() {
        assertThat(MeterDataGenerator.tariffAt(Instant.parse("2025-11-20T06:00:00Z"))).isEqualTo(Tariff.DAY);
        assertThat(MeterDataGenerator.tariffAt(Instant.parse("2025-11-20T05:45:00Z"))).isEqualTo(Tariff.NIGHT);
        assertThat(MeterDataGenerator.tariffAt(Instant.parse("2025-11-20T21:00:00Z"))).isEqualTo(Tariff.NIGHT);
        assertThat(MeterDataGenerator.tariffAt(Instant.parse("2025-07-01T19:45:00Z"))).isEqualTo(Tariff.DAY);
        assertThat(MeterDataGenerator.tariffAt(Instant.parse("2025-11-22T11:00:00Z"))).isEqualTo(Tariff.NIGHT);
    }

    @Test
    @DisplayName("each quarter-hour nets: offtake or injection, never both; solar injects on a summer day")
    void netMeteringPerQuarterHour() {
        long injected = 0;
        for (Instant q : MeterDataGenerator.quarterHours(SUMMER_DAY)) {
            long offtake = MeterDataGenerator.quarterHourWh(SOLAR, q, Direction.OFFTAKE, false);
            long injection = MeterDataGenerator.quarterHourWh(SOLAR, q, Direction.INJECTION, false);
            assertThat(offtake == 0 || injection == 0).as("quarter %s", q).isTrue();
            injected += injection;
        }
        assertThat(injected).isGreaterThan(0);
    }

    @Test
    @DisplayName("daily totals are exactly the sums of the day's quarter-hours per register, also when estimated")
    void dailyTotalsSumQuarterHours() {
        for (boolean estimated : new boolean[] {false, true}) {
            long[] wh = new long[4];
            for (Instant q : MeterDataGenerator.quarterHours(SUMMER_DAY)) {
                int register = MeterDataGenerator.tariffAt(q) == Tariff.DAY ? 0 : 1;
                wh[register] += MeterDataGenerator.quarterHourWh(SOLAR, q, Direction.OFFTAKE, estimated);
                wh[2 + register] += MeterDataGenerator.quarterHourWh(SOLAR, q, Direction.INJECTION, estimated);
            }
            DayTotals totals = MeterDataGenerator.dailyTotals(SOLAR, SUMMER_DAY, estimated);
            assertThat(totals.offtakeDay()).isEqualTo(BigDecimal.valueOf(wh[0], 3));
            assertThat(totals.offtakeNight()).isEqualTo(BigDecimal.valueOf(wh[1], 3));
            assertThat(totals.injectionDay()).isEqualTo(BigDecimal.valueOf(wh[2], 3));
            assertThat(totals.injectionNight()).isEqualTo(BigDecimal.valueOf(wh[3], 3));
            assertThat(totals.net()).isEqualTo(totals.totalOfftake().subtract(totals.totalInjection()));
        }
    }

    @Test
    @DisplayName("an estimated day differs from its validated value")
    void estimatesDiffer() {
        LocalDate day = LocalDate.of(2025, 11, 20);
        assertThat(MeterDataGenerator.dailyTotals(PLAIN, day, true).totalOfftake())
                .isLessThan(MeterDataGenerator.dailyTotals(PLAIN, day, false).totalOfftake());
    }

    @Test
    @DisplayName("a gas day sums the hours from 06:00 local time, and its kWh is m³ × 11.39 rounded to 4 decimals")
    void gasDay() {
        LocalDate day = LocalDate.of(2025, 11, 18);
        long litres = 0;
        for (Instant h = Instant.parse("2025-11-18T05:00:00Z"); h.isBefore(Instant.parse("2025-11-19T05:00:00Z"));
             h = h.plusSeconds(3600)) {
            litres += MeterDataGenerator.gasHourLitres(GAS, h, false);
        }

        GasDay gasDay = MeterDataGenerator.gasDay(GAS, day, false);

        assertThat(gasDay.start()).isEqualTo(Instant.parse("2025-11-18T05:00:00Z"));
        assertThat(gasDay.end()).isEqualTo(Instant.parse("2025-11-19T05:00:00Z"));
        assertThat(gasDay.m3()).isEqualTo(BigDecimal.valueOf(litres, 3));
        assertThat(gasDay.kwh()).isEqualTo(gasDay.m3().multiply(new BigDecimal("11.39")).setScale(4, RoundingMode.HALF_UP));
        assertThat(gasDay.m3()).isBetween(new BigDecimal("2"), new BigDecimal("15"));
    }

    @Test
    @DisplayName("a gas day's hours add up exactly to it in m³ and in kWh, every gas day of a year, validated or estimated")
    void gasHoursAddUpToGasDay() {
        int kwhRoundedPerHourWouldDiffer = 0;
        for (LocalDate day = LocalDate.of(2025, 1, 1); day.getYear() == 2025; day = day.plusDays(1)) {
            for (boolean estimated : new boolean[]{false, true}) {
                var hours = MeterDataGenerator.gasHours(GAS, day, estimated);
                GasDay gasDay = MeterDataGenerator.gasDay(GAS, day, estimated);

                assertThat(hours).hasSize((int) java.time.Duration.between(gasDay.start(), gasDay.end()).toHours());
                assertThat(hours.stream().map(GasHour::m3).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .as("m³ of %s", day).isEqualByComparingTo(gasDay.m3());
                assertThat(hours.stream().map(GasHour::kwh).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .as("kWh of %s", day).isEqualByComparingTo(gasDay.kwh());
                assertThat(hours).allSatisfy(h -> assertThat(h.kwh().subtract(MeterDataGenerator.gasKwh(h.m3())).abs())
                        .isLessThanOrEqualTo(new BigDecimal("0.0001")));
                if (hours.stream().map(h -> MeterDataGenerator.gasKwh(h.m3())).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .compareTo(gasDay.kwh()) != 0) {
                    kwhRoundedPerHourWouldDiffer++;
                }
            }
        }
        assertThat(kwhRoundedPerHourWouldDiffer).as("days where rounding each hour on its own would not add up")
                .isPositive();
    }

    @Test
    @DisplayName("weekends have no day-register quarter-hours, weekdays do")
    void dayRegisterOccurs() {
        assertThat(MeterDataGenerator.dayRegisterOccurs(LocalDate.of(2025, 11, 21))).isTrue();
        assertThat(MeterDataGenerator.dayRegisterOccurs(LocalDate.of(2025, 11, 22))).isFalse();
        assertThat(MeterDataGenerator.dayRegisterOccurs(LocalDate.of(2025, 11, 23))).isFalse();
    }

    @Test
    @DisplayName("winter gas days use far more gas than summer ones")
    void gasFollowsSeason() {
        assertThat(MeterDataGenerator.gasDay(GAS, LocalDate.of(2025, 1, 15), false).m3())
                .isGreaterThan(MeterDataGenerator.gasDay(GAS, LocalDate.of(2025, 7, 15), false).m3().multiply(BigDecimal.valueOf(4)));
    }

    @Test
    @DisplayName("night-time car charging gives monthly peaks above 7.4 kW; a plain household stays well below")
    void evPeaks() {
        LocalDate today = LocalDate.of(2025, 11, 30);
        MonthlyPeakValue ev = MeterDataGenerator.monthlyPeak(EV, YearMonth.of(2025, 11), today);
        MonthlyPeakValue plain = MeterDataGenerator.monthlyPeak(PLAIN, YearMonth.of(2025, 11), today);

        assertThat(ev.kilowatts()).isGreaterThan(new BigDecimal("7.4"));
        assertThat(plain.kilowatts()).isLessThan(new BigDecimal("5"));
        assertThat(ev.end()).isEqualTo(ev.start().plusSeconds(900));
    }

    @Test
    @DisplayName("the data is deterministic per EAN and differs between EANs")
    void deterministic() {
        LocalDate day = LocalDate.of(2025, 2, 3);
        assertThat(MeterDataGenerator.dailyTotals(PLAIN, day, false))
                .isEqualTo(MeterDataGenerator.dailyTotals(PLAIN, day, false))
                .isNotEqualTo(MeterDataGenerator.dailyTotals(SimAccounts.MFA_PLAIN, day, false));
    }

    @Test
    @DisplayName("only the two days before today are estimated")
    void estimatedDays() {
        LocalDate today = LocalDate.of(2025, 11, 30);
        assertThat(MeterDataGenerator.isEstimated(today.minusDays(1), today)).isTrue();
        assertThat(MeterDataGenerator.isEstimated(today.minusDays(2), today)).isTrue();
        assertThat(MeterDataGenerator.isEstimated(today.minusDays(3), today)).isFalse();
        assertThat(MeterDataGenerator.isEstimated(today, today)).isFalse();
    }
}
