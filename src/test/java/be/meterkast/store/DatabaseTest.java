package be.meterkast.store;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

@ExtendWith(VertxExtension.class)
class DatabaseTest {
    @TempDir
    Path dataDirectory;

    private final List<TestDatabases.Fresh> created = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        created.forEach(TestDatabases::drop);
    }

    /** Empty, not cloned from the migrated template: these tests are about the migrations. */
    private TestDatabases.Fresh freshDatabase() {
        TestDatabases.Fresh fresh = TestDatabases.createEmpty();
        created.add(fresh);
        return fresh;
    }

    @Test
    @DisplayName("Migrations run on a fresh database, and a second start applies none")
    void migratesOnceThenNoOp(Vertx vertx, VertxTestContext context) {
        TestDatabases.Fresh fresh = freshDatabase();
        DatabaseConfig config = DatabaseConfig.external(fresh.url(), dataDirectory);
        Database.start(vertx, config)
                .compose(first -> first.close().map(first.migrationsApplied()))
                .compose(firstApplied -> Database.start(vertx, config)
                        .compose(second -> second.pool().query("SELECT count(*) AS n FROM flyway_schema_history WHERE success").execute()
                                .map(rows -> rows.iterator().next().getLong("n"))
                                .compose(history -> second.close().map(new int[]{firstApplied, second.migrationsApplied(), history.intValue()}))))
                .onComplete(context.succeeding(counts -> context.verify(() -> {
                    assertThat(counts[0]).as("migrations applied by the first start").isGreaterThanOrEqualTo(1);
                    assertThat(counts[1]).as("migrations applied by the second start").isZero();
                    assertThat(counts[2]).as("successful migrations in the history").isEqualTo(counts[0]);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("The embedded database keeps its data across a restart, in <data dir>/postgres")
    void embeddedDataSurvivesRestart(Vertx vertx, VertxTestContext context) {
        assumeFalse(TestDatabases.external(), "runs only with the embedded database");
        DatabaseConfig config = DatabaseConfig.embedded(dataDirectory, 0);
        Database.start(vertx, config)
                .compose(db -> new UserRepository(db.pool()).create("ann", "Ann", Seed.SOME_HASH, true)
                        .compose(created -> db.close()))
                .compose(closed -> Database.start(vertx, config))
                .compose(db -> new UserRepository(db.pool()).findByUsername("ann")
                        .compose(found -> db.close().map(found)))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).map(User::displayName).contains("Ann");
                    assertThat(Files.exists(dataDirectory.resolve("postgres").resolve("PG_VERSION"))).isTrue();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A start against an unreachable server fails instead of hanging")
    void unreachableServerFails(Vertx vertx, VertxTestContext context) {
        DatabaseConfig config = DatabaseConfig.external("postgresql://nobody@127.0.0.1:1/none", dataDirectory);
        Database.start(vertx, config).onComplete(context.failing(failure -> context.verify(() -> {
            assertThat(failure).hasMessageContaining("127.0.0.1");
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("The pool reaches the migrated schema")
    void poolSeesSchema(Vertx vertx, VertxTestContext context) {
        TestDatabases.Fresh fresh = freshDatabase();
        Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory))
                .compose(db -> db.pool().preparedQuery("SELECT to_regclass($1)::text AS t").execute(Tuple.of("public.readings"))
                        .map(rows -> rows.iterator().next().getString("t"))
                        .compose(table -> db.close().map(table)))
                .onComplete(context.succeeding(table -> context.verify(() -> {
                    assertThat(table).isEqualTo("readings");
                    context.completeNow();
                })));
    }
}
