package dev.sessionshop.web.api;

import dev.sessionshop.cart.CartService;
import dev.sessionshop.web.cart.SessionCart;
import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.json.JsonFactory;
import dev.sessionshop.web.session.InstanceIdentity;
import dev.sessionshop.web.session.ShopSession;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * {@code GET /api/session}: which instance answered, the strategy, and the caller's session as this
 * instance sees it. It never creates a session, so probing it does not change what it reports.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Context
    private HttpServletRequest request;

    @Context
    private ServletContext context;

    @EJB
    private CartService carts;

    @GET
    public JsonObject describe() {
        return describe(request, context, carts);
    }

    /** The answer of {@code GET /api/session}, also given after signing in or out. */
    static JsonObject describe(HttpServletRequest request, ServletContext context, CartService carts) {
        HttpSession session = ShopSession.existing(request);
        JsonObjectBuilder json = JsonFactory.object()
                .add("instance", InstanceIdentity.current().name())
                .add("strategy", ShopSettings.of(context).strategy().id());
        ApiJson.nullable(json, "sessionId", session == null ? null : session.getId());
        ApiJson.nullable(json, "createdAt", session == null ? null : time(session.getCreationTime()));
        ApiJson.nullable(json, "lastAccessedAt", session == null ? null : time(session.getLastAccessedTime()));
        ApiJson.nullable(json, "displayName", ShopSession.displayName(session));
        return json
                .add("requestCount", session == null ? 0 : ShopSession.requestCount(session))
                .add("cart", ApiJson.cart(carts.view(SessionCart.of(session))))
                .build();
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
