package be.meterkast.store;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Ean;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Rows for one test, with names unique within the test class's database. */
final class Seed {
    /** Not a real Argon2 hash: these tests never verify passwords. */
    static final String SOME_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    private static final AtomicInteger NEXT = new AtomicInteger();

    final UserRepository users;
    final HouseholdRepository households;
    final MeterRepository meters;

    Seed(Pool pool) {
        this.users = new UserRepository(pool);
        this.households = new HouseholdRepository(pool);
        this.meters = new MeterRepository(pool);
    }

    static int unique() {
        return NEXT.incrementAndGet();
    }

    Future<User> user() {
        int n = unique();
        return users.create("user" + n, "User " + n, SOME_HASH, false);
    }

    /** A user who owns a new household. */
    Future<Owned> household() {
        return user().compose(owner -> households.create("Household " + unique(), owner.id())
                .map(household -> new Owned(owner, household)));
    }

    Future<Meter> meter(long householdId) {
        return meters.create(householdId, Optional.empty(), new MeterRef(ean(unique()), "1SAG1100042062"),
                MeterKind.ELECTRICITY, "Meter " + unique(), Optional.empty());
    }

    /** A valid EAN-18 (check digit included) that differs for each {@code n}. */
    static String ean(int n) {
        String body = "54145" + String.format("%012d", n);
        return body + Ean.checkDigit(body);
    }

    record Owned(User owner, Household household) {
    }
}
