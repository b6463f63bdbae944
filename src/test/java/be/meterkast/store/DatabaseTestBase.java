package be.meterkast.store;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Gives each test class its own freshly migrated database; tests seed their own rows with {@link Seed}. */
@ExtendWith(VertxExtension.class)
abstract class DatabaseTestBase {
    @TempDir
    static Path dataDirectory;

    static TestDatabases.Fresh fresh;
    static Database database;
    static Pool pool;
    static Seed seed;

    @BeforeAll
    static void startDatabase(Vertx vertx, VertxTestContext context) {
        fresh = TestDatabases.create();
        Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory))
                .onComplete(context.succeeding(started -> {
                    database = started;
                    pool = started.pool();
                    seed = new Seed(pool);
                    context.completeNow();
                }));
    }

    @AfterAll
    static void dropDatabase(VertxTestContext context) {
        database.close().onComplete(context.succeeding(closed -> {
            TestDatabases.drop(fresh);
            context.completeNow();
        }));
    }
}
