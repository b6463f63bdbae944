package be.meterkast.web;

import io.vertx.ext.web.Router;

/**
 * A feature of the portal (login, households, meters, the API, ...). It declares all its routes in one
 * place, with their access checks: routes under one prefix go on a sub-router of their own, mounted with
 * {@code root.route(prefix + "/*").subRouter(...)}. {@link PortalVerticle} mounts every feature the same way.
 */
public interface Feature {
    void mount(Router root);
}
