/**
 * PostgreSQL storage: schema ({@code db/migration}), start-up ({@link be.meterkast.store.Database}), secrets
 * ({@link be.meterkast.store.SecretBox}, {@link be.meterkast.store.PasswordHasher}) and one repository per
 * table family, each holding its SQL as text blocks.
 *
 * <p>Repositories take any {@link io.vertx.sqlclient.SqlClient}. {@link be.meterkast.store.Repositories}
 * holds them all over the pool; for writes that must succeed together it hands out the same repositories on
 * a transaction's connection:
 * <pre>{@code
 * store.inTransaction(tx -> tx.users().create(name, display, hash, false)
 *         .compose(user -> tx.invites().redeem(tokenHash, user.id(), now)
 *                 .compose(invite -> ...)));
 * }</pre>
 *
 * <p>Access control lives in the queries: {@code findForUser}/{@code listForUser} join {@code memberships},
 * so callers cannot forget it. Methods without a user ({@code findById}, {@code all}) are for the sync and
 * for administrators.
 */
package be.meterkast.store;
