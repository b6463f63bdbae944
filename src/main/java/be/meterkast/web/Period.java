package be.meterkast.web;

import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The period a page or export shows, from the period picker's query parameters: {@code days=7|30|90|365}
 * (ending yesterday), {@code month=2025-06}, {@code year=2025} or {@code from=…&to=…}. Days after yesterday
 * are cut off: Fluvius has nothing for them yet.
 */
public record Period(LocalDate first, LocalDate last, String kind, String value) {
    public static final int MAX_DAYS = 1100;
    public static final int DEFAULT_DAYS = 30;
    /**
     * The days a request may name: Fluvius has nothing older, and dates far outside make PostgreSQL's date
     * arithmetic fail (year -999999999 is a valid {@code LocalDate}, not a valid {@code date}).
     */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    /**
     * The period, or a message key saying what is wrong with the parameters; each key names the parameter it is
     * about and what it allows ({@code period.error.days}, {@code .month}, {@code .year}, {@code .from},
     * {@code .to}, {@code .bounds} for one of from/to alone).
     */
    public static Either parse(String days, String month, String year, String from, String to, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        if (from != null || to != null) {
            if (from == null || to == null) {
                return Either.error("period.error.bounds");
            }
            Optional<LocalDate> first = date(from);
            Optional<LocalDate> last = date(to);
            if (first.isEmpty() || last.isEmpty()) {
                return Either.error(first.isEmpty() ? "period.error.from" : "period.error.to");
            }
            if (outside(first.get()) || outside(last.get())) {
                return Either.error(outside(first.get()) ? "period.error.range.from" : "period.error.range.to");
            }
            return checked(first.get(), last.get(), MAX_DAYS,
                    new Period(first.get(), min(last.get(), yesterday), "custom", first.get() + "/" + last.get()));
        }
        if (month != null) {
            YearMonth m;
            try {
                m = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                return Either.error("period.error.month");
            }
            if (outside(m.atDay(1))) {
                return Either.error("period.error.range.month");
            }
            return Either.ok(new Period(m.atDay(1), min(m.atEndOfMonth(), yesterday), "month", m.toString()));
        }
        if (year != null) {
            Optional<Integer> y = number(year);
            if (y.isEmpty() || y.get() < 2000 || y.get() > today.getYear()) {
                return Either.error("period.error.year");
            }
            return Either.ok(new Period(LocalDate.of(y.get(), 1, 1), min(LocalDate.of(y.get(), 12, 31), yesterday),
                    "year", Integer.toString(y.get())));
        }
        Optional<Integer> n = days == null ? Optional.of(DEFAULT_DAYS) : number(days);
        if (n.isEmpty() || n.get() < 1 || n.get() > MAX_DAYS) {
            return Either.error("period.error.days");
        }
        return Either.ok(new Period(yesterday.minusDays(n.get() - 1L), yesterday, "days", Integer.toString(n.get())));
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Digits only: {@code Integer.parseInt} would also take {@code +7}. */
    private static Optional<Integer> number(String text) {
        if (!text.matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    /**
     * The days an API request asks for, {@code from} to {@code to}, either left out: {@code to} defaults to
     * yesterday, {@code from} to {@code defaultDays} days ending at {@code to}; at most {@code maxDays} days.
     * Not cut off at yesterday: the API answers with what is stored. Error keys as for {@link #parse}.
     */
    public static Either range(String from, String to, LocalDate today, int defaultDays, int maxDays) {
        Optional<LocalDate> sentLast = to == null ? Optional.of(today.minusDays(1)) : date(to);
        Optional<LocalDate> sentFirst = from == null ? Optional.empty() : date(from);
        if (from != null && sentFirst.isEmpty()) {
            return Either.error("period.error.from");
        }
        if (sentLast.isEmpty()) {
            return Either.error("period.error.to");
        }
        LocalDate last = sentLast.get();
        if (sentFirst.isPresent() && outside(sentFirst.get())) {
            return Either.error("period.error.range.from");
        }
        if (outside(last)) {
            return Either.error("period.error.range.to");
        }
        LocalDate first = sentFirst.orElse(last.minusDays(defaultDays - 1L));
        return checked(first, last, maxDays - 1L, new Period(first, last, "custom", first + "/" + last));
    }

    private static boolean outside(LocalDate day) {
        return day.isBefore(EARLIEST) || day.isAfter(LATEST);
    }

    /** The period when {@code last} is not before {@code first} and at most {@code maxLater} days after it. */
    private static Either checked(LocalDate first, LocalDate last, long maxLater, Period period) {
        if (last.isBefore(first)) {
            return Either.error("period.error.order");
        }
        if (first.plusDays(maxLater).isBefore(last)) {
            return Either.error("period.error.tooLong");
        }
        return Either.ok(period);
    }

    /** The period picker's parameters of a request; blank ones count as absent (an empty field of the picker). */
    public static Either of(RoutingContext ctx, LocalDate today) {
        return parse(param(ctx, "days"), param(ctx, "month"), param(ctx, "year"), param(ctx, "from"),
                param(ctx, "to"), today);
    }

    /** A query parameter, stripped; blank counts as absent. */
    public static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public int dayCount() {
        return last.isBefore(first) ? 0 : (int) (last.toEpochDay() - first.toEpochDay() + 1);
    }

    /**
     * The same days a year earlier (this month against the same month last year). Its dates are its own, so
     * it is a custom range: {@link #query()} then selects it, not the period it came from.
     */
    public Period yearEarlier() {
        LocalDate earlierFirst = first.minusYears(1);
        LocalDate earlierLast = last.minusYears(1);
        return new Period(earlierFirst, earlierLast, "custom", earlierFirst + "/" + earlierLast);
    }

    /** The last {@code n} days: the period picker marks that choice. */
    public boolean isLastDays(int n) {
        return kind.equals("days") && value.equals(Integer.toString(n));
    }

    public boolean isYear(int year) {
        return kind.equals("year") && value.equals(Integer.toString(year));
    }

    /** A calendar month, which can be compared with the same month a year earlier. */
    public boolean isMonth() {
        return kind.equals("month");
    }

    /** The query string that selects this period again. */
    public String query() {
        return switch (kind) {
            case "month" -> "month=" + value;
            case "year" -> "year=" + value;
            case "custom" -> "from=" + first + "&to=" + last;
            default -> "days=" + value;
        };
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? b : a;
    }


    /** A period or the message key of what is wrong. */
    public record Either(Optional<Period> period, String errorKey) {
        static Either ok(Period p) {
            return new Either(Optional.of(p), null);
        }

        static Either error(String key) {
            return new Either(Optional.empty(), key);
        }
    }
}
