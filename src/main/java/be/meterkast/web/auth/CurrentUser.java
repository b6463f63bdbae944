package be.meterkast.web.auth;

import be.meterkast.app.users.UserService;
import be.meterkast.store.User;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;


/**
 * Finds who is asking: pages by the session cookie, the API by its Bearer token. The user is loaded on every
 * request (one query) so a password change, a removed user or a logout takes effect at once.
 */
public final class CurrentUser {
    public static final String USER_KEY = "currentUser";
    public static final String SESSION_KEY = "currentSession";

    private final SessionTokens tokens;
    private final UserService users;
    private final boolean bearer;

    private CurrentUser(SessionTokens tokens, UserService users, boolean bearer) {
        this.tokens = tokens;
        this.users = users;
        this.bearer = bearer;
    }

    public static CurrentUser fromCookie(SessionTokens tokens, UserService users) {
        return new CurrentUser(tokens, users, false);
    }

    public static CurrentUser fromBearer(SessionTokens tokens, UserService users) {
        return new CurrentUser(tokens, users, true);
    }

    public static User user(RoutingContext ctx) {
        return ctx.get(USER_KEY);
    }

    public static SessionTokens.Session session(RoutingContext ctx) {
        return ctx.get(SESSION_KEY);
    }

    public void handle(RoutingContext ctx) {
        String token = token(ctx);
        if (token == null) {
            ctx.next();
            return;
        }
        tokens.verify(token).onComplete(verified -> {
            SessionTokens.Session session = verified.succeeded() ? verified.result() : null;
            if (session == null || !session.kind().equals(bearer ? "api" : "page")) {
                anonymous(ctx);
                return;
            }
            users.sessionUser(session.userId(), session.id()).onSuccess(user -> {
                if (user.isPresent() && user.get().sessionVersion() == session.version()) {
                    ctx.put(SESSION_KEY, session);
                    ctx.put(USER_KEY, user.get());
                    ctx.next();
                } else {
                    anonymous(ctx);
                }
            }).onFailure(ctx::fail);
        });
    }

    /** An expired, forged or ended session: carry on as nobody, and drop the cookie. */
    private void anonymous(RoutingContext ctx) {
        if (!bearer) {
            ctx.response().addCookie(tokens.cleared());
        }
        ctx.next();
    }

    private String token(RoutingContext ctx) {
        if (bearer) {
            String header = ctx.request().getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        }
        Cookie cookie = ctx.request().getCookie(SessionTokens.COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
