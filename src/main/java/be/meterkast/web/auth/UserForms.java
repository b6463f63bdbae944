package be.meterkast.web.auth;

import be.meterkast.app.users.UserService;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/** The checks of the forms that make a user or change a password; errors are message keys per field. */
public final class UserForms {
    public static final int MIN_PASSWORD = 10;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{2,40}");

    private UserForms() {
    }

    /** Fields {@code username} and {@code displayName}, and the password typed twice. */
    public static void validateNewUser(Forms form, String password, String confirm) {
        if (!USERNAME.matcher(form.get("username")).matches()) {
            form.error("username", "form.username.invalid");
        }
        if (form.get("displayName").length() > 80) {
            form.error("displayName", "form.displayName.tooLong");
        }
        validatePassword(form, "password", password, confirm);
    }

    static void validatePassword(Forms form, String field, String password, String confirm) {
        if (password.length() < MIN_PASSWORD) {
            form.error(field, "form.password.tooShort");
        } else if (password.length() > 200) {
            form.error(field, "form.password.tooLong");
        } else if (!password.equals(confirm)) {
            form.error("confirm", "form.password.mismatch");
        }
    }

    /** The user the (valid) form describes; they start in the language of this request. */
    public static UserService.NewUser newUser(RoutingContext ctx, Forms form, String password) {
        String locale = Page.language(ctx).tag();
        return new UserService.NewUser(form.get("username"), form.get("displayName"), password, locale);
    }
}
