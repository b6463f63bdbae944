package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.function.Function;

/**
 * Every repository over one database, and the one way to run several writes together: {@link #inTransaction}
 * hands out the same repositories on the transaction's connection. The pool itself stays in here, so code
 * above the store (application services, routes) cannot run SQL or transactions of its own.
 */
public final class Repositories {
    private static final String ADVISORY_LOCK = "SELECT pg_advisory_xact_lock($1)";

    private final Pool pool;
    private final SqlClient client;
    private final SecretBox secrets;
    private final UserRepository users;
    private final HouseholdRepository households;
    private final InviteRepository invites;
    private final FluviusAccountRepository accounts;
    private final MeterRepository meters;
    private final ReadingRepository readings;
    private final MonthlyPeakRepository peaks;
    private final MeterSyncRepository meterSync;
    private final SessionRepository sessions;
    private final CsvImportRepository csvImports;
    private final TariffPeriodRepository tariffs;
    private final AlertRepository alerts;
    private final PageVersionRepository pageVersions;
    private final DayAheadPriceRepository dayAheadPrices;

    public Repositories(Pool pool, SecretBox secrets) {
        this(pool, pool, secrets);
    }

    private Repositories(Pool pool, SqlClient client, SecretBox secrets) {
        this.pool = pool;
        this.client = client;
        this.secrets = secrets;
        this.users = new UserRepository(client);
        this.households = new HouseholdRepository(client);
        this.invites = new InviteRepository(client);
        this.accounts = new FluviusAccountRepository(client, secrets);
        this.meters = new MeterRepository(client);
        this.readings = new ReadingRepository(client);
        this.peaks = new MonthlyPeakRepository(client);
        this.meterSync = new MeterSyncRepository(client);
        this.sessions = new SessionRepository(client, secrets);
        this.csvImports = new CsvImportRepository(client);
        this.tariffs = new TariffPeriodRepository(client);
        this.alerts = new AlertRepository(client);
        this.pageVersions = new PageVersionRepository(client);
        this.dayAheadPrices = new DayAheadPriceRepository(client);
    }

    /** Runs {@code work} in one transaction: it commits when the future succeeds and rolls back when it fails. */
    public <T> Future<T> inTransaction(Function<Repositories, Future<T>> work) {
        return pool.withTransaction(conn -> work.apply(new Repositories(pool, conn, secrets)));
    }

    /**
     * Like {@link #inTransaction}, holding a PostgreSQL advisory lock until it ends: transactions with the same
     * {@code lock} run one after the other (on every instance sharing the database).
     */
    public <T> Future<T> inExclusiveTransaction(long lock, Function<Repositories, Future<T>> work) {
        return inTransaction(repositories -> repositories.client.preparedQuery(ADVISORY_LOCK).execute(Tuple.of(lock))
                .compose(locked -> work.apply(repositories)));
    }

    public CsvImportRepository csvImports() {
        return csvImports;
    }

    /** The days Fluvius did not send whole; the same repository as {@code readings().incompleteDays()}. */
    public IncompleteDayRepository incompleteDays() {
        return readings.incompleteDays();
    }

    public DayAheadPriceRepository dayAheadPrices() {
        return dayAheadPrices;
    }

    public TariffPeriodRepository tariffs() {
        return tariffs;
    }

    public AlertRepository alerts() {
        return alerts;
    }

    public PageVersionRepository pageVersions() {
        return pageVersions;
    }

    public UserRepository users() {
        return users;
    }

    public HouseholdRepository households() {
        return households;
    }

    public InviteRepository invites() {
        return invites;
    }

    public FluviusAccountRepository accounts() {
        return accounts;
    }

    public MeterRepository meters() {
        return meters;
    }

    public ReadingRepository readings() {
        return readings;
    }

    public MonthlyPeakRepository peaks() {
        return peaks;
    }

    public MeterSyncRepository meterSync() {
        return meterSync;
    }

    public SessionRepository sessions() {
        return sessions;
    }
}
