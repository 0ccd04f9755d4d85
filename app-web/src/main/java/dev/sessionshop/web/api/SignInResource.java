package dev.sessionshop.web.api;

import dev.sessionshop.cart.CartService;
import dev.sessionshop.web.session.ShopSession;
import dev.sessionshop.web.signin.DisplayName;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /api/signin} with {@code {"displayName": "Ada"}}: a new session id, the cart kept, the name
 * stored; {@code POST /api/signout}: the session ends. Both answer like {@code GET /api/session}. Like the
 * cart API, both need {@code Content-Type: application/json}, which a cross-site form cannot send; sign-out
 * takes no body, but without the header a cross-site {@code text/plain} form, or a body-less cross-site
 * fetch, would end the shopper's session.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {

    @Context
    private HttpServletRequest request;

    @Context
    private ServletContext context;

    @EJB
    private CartService carts;

    @POST
    @Path("signin")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject signIn(InputStream body) {
        JsonValue value = JsonBodies.readObject(body).get("displayName");
        String raw = value instanceof JsonString text ? text.getString() : null;
        if (value != null && value.getValueType() != JsonValue.ValueType.NULL && raw == null) {
            throw new BadJsonException("The displayName must be a string. " + DisplayName.RULE);
        }
        String name;
        try {
            name = DisplayName.parse(raw);
        } catch (DisplayName.InvalidDisplayNameException refused) {
            throw new BadJsonException(refused.getMessage());
        }
        ShopSession.signIn(request, name);
        return SessionResource.describe(request, context, carts);
    }

    @POST
    @Path("signout")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject signOut() {
        // @Consumes alone lets a request without any Content-Type through.
        if (!isJson(request.getContentType())) {
            throw new NotSupportedException();
        }
        ShopSession.signOut(request);
        return SessionResource.describe(request, context, carts);
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType()) && "json".equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException | NullPointerException missingOrMalformed) {
            return false;
        }
    }
}
