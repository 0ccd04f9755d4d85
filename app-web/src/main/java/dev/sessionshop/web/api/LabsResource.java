package dev.sessionshop.web.api;

import dev.sessionshop.cart.CartLine;
import dev.sessionshop.cart.CartService;
import dev.sessionshop.cart.UnknownProductException;
import dev.sessionshop.catalog.ProductCatalog;
import dev.sessionshop.web.cart.SessionCart;
import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.json.JsonFactory;
import dev.sessionshop.web.labs.LabBasket;
import dev.sessionshop.web.labs.LabUnavailableException;
import dev.sessionshop.web.labs.Labs;
import dev.sessionshop.web.session.InstanceIdentity;
import dev.sessionshop.web.session.ShopSession;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labs' JSON ({@code /api/labs/…}): the three experiments (in-place mutation, concurrent updates, the
 * version cookie), what nginx's ip_hash saw of the caller (lab 4), the failover check (lab 5), and the two
 * building blocks the experiments call on every instance: {@code peek}, which reads the session without
 * writing it, and {@code basket}, lab 1's deliberately mutable attribute. Every one answers 403 unless the
 * deployment switched the labs on. None of them counts as a request of the session.
 */
@Path("labs")
@Produces(MediaType.APPLICATION_JSON)
public class LabsResource {

    private static final Pattern INSTANCE_NUMBER = Pattern.compile("shop-(\\d+)");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final int DEFAULT_REQUESTS = 12;

    @Context
    private HttpServletRequest request;

    @Context
    private ServletContext context;

    @Inject
    private Labs labs;

    @EJB
    private CartService carts;

    @EJB
    private ProductCatalog catalog;

    @POST
    @Path("in-place")
    public JsonObject inPlace() {
        return labs.inPlaceMutation(settings().strategy()).toJson();
    }

    /** Body (optional): {@code {"requests": 12}}, 2 to 50 parallel requests. */
    @POST
    @Path("concurrent")
    public JsonObject concurrent(InputStream body) {
        ShopSettings settings = settings();
        return labs.concurrentUpdates(settings.strategy(), requests(body)).toJson();
    }

    @POST
    @Path("version-cookie")
    public JsonObject versionCookie() {
        return labs.versionCookie(settings().strategy()).toJson();
    }

    /** Lab 4: the address nginx passed on (the one ip_hash hashed) and its /24. */
    @GET
    @Path("ip-hash")
    public JsonObject ipHash() {
        settings();
        String address = request.getHeader("X-Real-IP") != null ? request.getHeader("X-Real-IP") : request.getRemoteAddr();
        Matcher ipv4 = IPV4.matcher(address);
        JsonObjectBuilder json = JsonFactory.object()
                .add("instance", InstanceIdentity.current().name())
                .add("clientAddress", address);
        return ApiJson.nullable(json, "network", ipv4.matches()
                ? ipv4.group(1) + "." + ipv4.group(2) + "." + ipv4.group(3) + ".0/24" : null).build();
    }

    /** Lab 5: who serves the caller, its session and cart, and the commands that crash this instance. */
    @GET
    @Path("failover")
    public JsonObject failover() {
        String strategy = settings().strategy().id();
        HttpSession session = ShopSession.existing(request);
        String instance = InstanceIdentity.current().name();
        JsonObjectBuilder json = JsonFactory.object().add("instance", instance).add("strategy", strategy);
        ApiJson.nullable(json, "sessionId", session == null ? null : session.getId());
        json.add("cart", ApiJson.cart(carts.view(SessionCart.of(session))));
        Matcher number = INSTANCE_NUMBER.matcher(instance);
        if (number.matches()) {
            json.add("commands", JsonFactory.object()
                    .add("launcher", "deployment/shop kill " + number.group(1))
                    .add("compose", "docker compose --profile " + strategy + " kill " + strategy + "-shop-" + number.group(1)));
        } else {
            json.addNull("commands");
        }
        return json.build();
    }

    /** What this instance sees of the caller's session; never creates or writes one. */
    @GET
    @Path("peek")
    public JsonObject peek() {
        settings();
        HttpSession session = ShopSession.existing(request);
        JsonObjectBuilder json = JsonFactory.object().add("instance", InstanceIdentity.current().name());
        ApiJson.nullable(json, "sessionId", session == null ? null : session.getId());
        JsonObjectBuilder cart = JsonFactory.object();
        for (CartLine line : carts.view(SessionCart.of(session)).lines()) {
            cart.add(line.product().id(), line.quantity());
        }
        json.add("cart", cart);
        if (session != null && session.getAttribute(LabBasket.ATTRIBUTE) instanceof LabBasket basket) {
            json.add("basket", basket(basket));
        } else {
            json.addNull("basket");
        }
        return json.build();
    }

    /**
     * Lab 1's basket: {@code {"change": "reset"}} stores a new empty one with setAttribute;
     * {@code "in-place"} adds {@code productId} to the object in the session and tells nobody;
     * {@code "in-place-and-touch"} does the same and sets another attribute in the same request;
     * {@code "write-back"} adds and stores the basket again with setAttribute. A basket holds at most
     * {@value LabBasket#MAX_ITEMS} items: one more is a 409 and changes nothing.
     */
    @POST
    @Path("basket")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject basket(InputStream body) {
        settings();
        JsonObject json = JsonBodies.readObject(body);
        String change = json.get("change") instanceof JsonString text ? text.getString() : "";
        HttpSession session;
        LabBasket basket;
        if (change.equals("reset")) {
            session = ShopSession.getOrCreate(request);
            basket = new LabBasket();
            session.setAttribute(LabBasket.ATTRIBUTE, basket);
        } else if (change.equals("in-place") || change.equals("in-place-and-touch") || change.equals("write-back")) {
            String productId = JsonBodies.productId(json);
            if (catalog.find(productId).isEmpty()) {
                throw new UnknownProductException(productId);
            }
            session = ShopSession.existing(request);
            if (session == null || !(session.getAttribute(LabBasket.ATTRIBUTE) instanceof LabBasket existing)) {
                throw new LabUnavailableException(409, "This session has no lab basket; send {\"change\": \"reset\"} first.");
            }
            basket = existing;
            basket.add(productId);
            if (change.equals("in-place-and-touch")) {
                session.setAttribute("lab.touched", System.currentTimeMillis());
            } else if (change.equals("write-back")) {
                session.setAttribute(LabBasket.ATTRIBUTE, basket);
            }
        } else {
            throw new BadJsonException("change must be one of reset, in-place, in-place-and-touch, write-back.");
        }
        return JsonFactory.object()
                .add("instance", InstanceIdentity.current().name())
                .add("sessionId", session.getId())
                .add("basket", basket(basket))
                .build();
    }

    private static JsonArrayBuilder basket(LabBasket basket) {
        JsonArrayBuilder items = JsonFactory.array();
        basket.items().forEach(items::add);
        return items;
    }

    /** No body, or one without "requests": the default. */
    private static int requests(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(JsonBodies.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadJsonException("The request body could not be read.");
        }
        JsonValue value = bytes.length == 0 ? null : JsonBodies.readObject(new ByteArrayInputStream(bytes)).get("requests");
        if (value == null) {
            return DEFAULT_REQUESTS;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(Labs.MIN_REQUESTS)) < 0
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(Labs.MAX_REQUESTS)) > 0) {
            throw new BadJsonException("requests must be a whole number from " + Labs.MIN_REQUESTS + " to "
                    + Labs.MAX_REQUESTS + ".");
        }
        return number.intValue();
    }

    /** The settings, once the labs are known to be on. */
    private ShopSettings settings() {
        ShopSettings settings = ShopSettings.of(context);
        if (!settings.labsEnabled()) {
            throw LabUnavailableException.labsOff();
        }
        return settings;
    }
}
