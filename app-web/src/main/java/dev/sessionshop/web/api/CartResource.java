package dev.sessionshop.web.api;

import dev.sessionshop.cart.Cart;
import dev.sessionshop.cart.CartService;
import dev.sessionshop.web.cart.IdempotencyKey;
import dev.sessionshop.web.cart.SessionCart;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/**
 * The cart as JSON. Changes require {@code Content-Type: application/json}, which a cross-site HTML form
 * cannot send, so the API needs no CSRF token. A refused change leaves the cart as it was.
 */
@Path("cart")
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    @Context
    private HttpServletRequest request;

    @EJB
    private CartService carts;

    /** Reading the cart does not create a session: no session, empty cart. */
    @GET
    public JsonObject get() {
        return view(SessionCart.current(request));
    }

    /**
     * Adds to a line. Not idempotent by itself (twice is two more), so a client that wants it safe to send
     * again, and nginx to be allowed to replay it on another instance, sends an {@code Idempotency-Key}:
     * the session remembers the keys of its latest additions, and the same key again changes nothing.
     */
    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@HeaderParam(IdempotencyKey.HEADER) String keyHeader, InputStream body) {
        JsonObject json = JsonBodies.readObject(body);
        String productId = JsonBodies.productId(json);
        int quantity = JsonBodies.quantity(json);
        IdempotencyKey key = IdempotencyKey.parse(keyHeader, "add " + productId + " " + quantity);
        SessionCart.Updated updated = SessionCart.update(request, key, cart -> carts.add(cart, productId, quantity));
        Response.ResponseBuilder answer = Response.ok(view(updated.cart()));
        if (updated.replayed()) {
            answer.header(IdempotencyKey.REPLAYED_HEADER, "true");
        }
        return answer.build();
    }

    @PUT
    @Path("items/{productId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject changeQuantity(@PathParam("productId") String productId, InputStream body) {
        int quantity = JsonBodies.quantity(JsonBodies.readObject(body));
        return change(cart -> carts.changeQuantity(cart, productId, quantity));
    }

    @DELETE
    @Path("items/{productId}")
    public JsonObject remove(@PathParam("productId") String productId) {
        return change(cart -> carts.remove(cart, productId));
    }

    @DELETE
    public JsonObject empty() {
        return change(cart -> carts.empty());
    }

    private JsonObject change(UnaryOperator<Cart> change) {
        return view(SessionCart.update(request, change));
    }

    private JsonObject view(Cart cart) {
        return ApiJson.cart(carts.view(cart));
    }
}
