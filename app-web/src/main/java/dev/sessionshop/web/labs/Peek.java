package dev.sessionshop.web.labs;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one instance sees of the lab's session ({@code GET /api/labs/peek}): the session id (null: it has
 * none), the cart as product → quantity, and lab 1's basket (null: not in this session).
 */
record Peek(String instance, String sessionId, Map<String, Integer> cart, List<String> basket, String failure) {

    static Peek of(LabClient.Reply reply) {
        if (!reply.ok() || reply.json() == null) {
            return new Peek(reply.instance(), null, Map.of(), null,
                    reply.failure() != null ? reply.failure() : "answered " + reply.status());
        }
        JsonObject json = reply.json();
        Map<String, Integer> cart = new LinkedHashMap<>();
        json.getJsonObject("cart").forEach((product, quantity) -> cart.put(product, ((jakarta.json.JsonNumber) quantity).intValue()));
        List<String> basket = json.isNull("basket") ? null
                : json.getJsonArray("basket").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        String sessionId = json.get("sessionId") == JsonValue.NULL ? null : json.getString("sessionId");
        return new Peek(json.getString("instance"), sessionId, cart, basket, null);
    }

    boolean hasSession() {
        return sessionId != null;
    }

    int quantityOf(String productId) {
        return cart.getOrDefault(productId, 0);
    }

    /** How a step reports it: "no session", "basket [kettle]", "cart {paper-filters=3}"… */
    String describe(boolean basketView) {
        if (failure != null) {
            return failure;
        }
        if (!hasSession()) {
            return "has no such session (a new visitor to it)";
        }
        return basketView ? "basket " + (basket == null ? "(none)" : basket) : "cart " + cart;
    }
}
