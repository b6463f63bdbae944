package be.meterkast.fluvius.sim;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What clients did to the simulator, for tests and for the demo's politeness checks. Requests are counted
 * when they arrive, before any injected fault; outcomes (attempts, sign-ins, grants) when they are decided.
 *
 * <p>{@link #malformedValues()} counts the value entries a client cannot use: each entry made malformed, and
 * every entry of a record whose {@code de} was left out.
 */
public final class SimStats {
    private final AtomicLong configRequests = new AtomicLong();
    private final AtomicLong authorizeRequests = new AtomicLong();
    private final AtomicLong passwordAttempts = new AtomicLong();
    private final AtomicLong signIns = new AtomicLong();
    private final AtomicLong codeGrants = new AtomicLong();
    private final AtomicLong refreshGrants = new AtomicLong();
    private final AtomicLong dataRequests = new AtomicLong();
    private final AtomicLong malformedValues = new AtomicLong();
    private final Map<String, AtomicLong> attemptsByEmail = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> acceptedByEmail = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> dataRequestsByEan = new ConcurrentHashMap<>();
    /** Bounded: a long-running demo issues secrets forever, and tests look only at their own few. */
    private final Set<String> issuedSecrets = ConcurrentHashMap.newKeySet();
    private static final int MAX_ISSUED_SECRETS = 10_000;

    public long configRequests() {
        return configRequests.get();
    }

    public long authorizeRequests() {
        return authorizeRequests.get();
    }

    /** Every SelfAsserted attempt that reached the credential check, whatever its outcome. */
    public long passwordAttempts() {
        return passwordAttempts.get();
    }

    public long passwordAttempts(String email) {
        AtomicLong count = attemptsByEmail.get(key(email));
        return count == null ? 0 : count.get();
    }

    public long acceptedPasswords(String email) {
        AtomicLong count = acceptedByEmail.get(key(email));
        return count == null ? 0 : count.get();
    }

    /** SelfAsserted attempts that were accepted. */
    public long signIns() {
        return signIns.get();
    }

    /**
     * Every secret value the simulated B2C handed out (cookie values, CSRF, transaction ids, codes, tokens), so
     * a test can show that a client's redacted trace contains none of them.
     */
    public Set<String> issuedSecrets() {
        return Set.copyOf(issuedSecrets);
    }

    public long codeGrants() {
        return codeGrants.get();
    }

    public long refreshGrants() {
        return refreshGrants.get();
    }

    public long dataRequests() {
        return dataRequests.get();
    }

    /** Data requests that named this EAN in their path, whatever became of them. */
    public long dataRequests(String ean) {
        AtomicLong count = dataRequestsByEan.get(ean);
        return count == null ? 0 : count.get();
    }

    public long malformedValues() {
        return malformedValues.get();
    }

    public JsonObject snapshot() {
        return new JsonObject()
                .put("configRequests", configRequests())
                .put("authorizeRequests", authorizeRequests())
                .put("passwordAttempts", passwordAttempts())
                .put("signIns", signIns())
                .put("codeGrants", codeGrants())
                .put("refreshGrants", refreshGrants())
                .put("dataRequests", dataRequests())
                .put("malformedValues", malformedValues())
                .put("passwordAttemptsByEmail", toJson(attemptsByEmail))
                .put("acceptedPasswordsByEmail", toJson(acceptedByEmail));
    }

    public void reset() {
        for (AtomicLong counter : new AtomicLong[] {configRequests, authorizeRequests, passwordAttempts, signIns,
                codeGrants, refreshGrants, dataRequests, malformedValues}) {
            counter.set(0);
        }
        attemptsByEmail.clear();
        acceptedByEmail.clear();
        dataRequestsByEan.clear();
        issuedSecrets.clear();
    }

    void configRequest() {
        configRequests.incrementAndGet();
    }

    void authorizeRequest() {
        authorizeRequests.incrementAndGet();
    }

    void passwordAttempt(String email) {
        passwordAttempts.incrementAndGet();
        attemptsByEmail.computeIfAbsent(key(email), k -> new AtomicLong()).incrementAndGet();
    }

    void signIn(String email) {
        signIns.incrementAndGet();
        acceptedByEmail.computeIfAbsent(key(email), k -> new AtomicLong()).incrementAndGet();
    }

    void issued(String... secrets) {
        if (issuedSecrets.size() < MAX_ISSUED_SECRETS) {
            for (String secret : secrets) {
                if (secret != null && !secret.isEmpty()) {
                    issuedSecrets.add(secret);
                }
            }
        }
    }

    void codeGrant() {
        codeGrants.incrementAndGet();
    }

    void refreshGrant() {
        refreshGrants.incrementAndGet();
    }

    void dataRequest(String ean) {
        dataRequests.incrementAndGet();
        if (!ean.isEmpty()) {
            dataRequestsByEan.computeIfAbsent(ean, k -> new AtomicLong()).incrementAndGet();
        }
    }

    void malformedValues(int count) {
        malformedValues.addAndGet(count);
    }

    private static JsonObject toJson(Map<String, AtomicLong> counts) {
        JsonObject json = new JsonObject();
        new TreeMap<>(counts).forEach((email, count) -> json.put(email, count.get()));
        return json;
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
