package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The steps that both strategies with the project's session store share (external: Redis,
 * external-memcached: memcached): every request reads the session from the store, a version check keeps
 * concurrent changes, and the shop answers 503 while the store is gone. Each strategy's class calls them
 * under its own test names; what differs (the store's own shape, its failover) stays there.
 */
final class StoreSessions {

    static final String SESSION_MESSAGE = "The session store is not reachable right now";

    private StoreSessions() {
    }

    /** Lab 1: an in-place change reaches no one, not even the serving instance, which reads the store afresh. */
    static void inPlaceChangeIsLostEvenOnTheServingInstance(Topology shop) {
        LabRuns.Findings lab = ReplicatedSessions.inPlaceLab(shop);

        assertFalse(lab.flag("inPlaceChangeReachedOtherInstance"), "nobody told the session it changed: " + lab);
        assertFalse(lab.flag("inPlaceChangeKeptOnServingInstance"), "every request reads the store afresh: " + lab);
        assertFalse(lab.flag("inPlaceChangeTravelledWithAnotherAttribute"),
                "the store writes only the attributes that were set: " + lab);
    }

    /** Lab 2: twenty concurrent additions on three instances, none lost (the store's version check). */
    static void concurrentRequestsOnThreeInstancesLoseNoUpdate(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "concurrent");

        assertEquals(LabRuns.CONCURRENT_REQUESTS, lab.number("acknowledged"), lab.toString());
        assertEquals(0, lab.number("lostUpdates"), "a write that read an older version is applied again: " + lab);
        assertEquals(1 + LabRuns.CONCURRENT_REQUESTS, lab.number("finalQuantity"), lab.toString());
        assertTrue(lab.flag("instancesAgree"), "one store: every instance reads the same cart: " + lab);
    }

    /** Lab 3: no version cookie, and no instance keeps a copy that could go stale. */
    static void noVersionCookieAndNoStaleCopy(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "version-cookie");

        assertTrue(lab.flag("otherInstanceHasTheSession"), lab.toString());
        assertFalse(lab.flag("versionCookieIssued"), lab.toString());
        assertFalse(lab.flag("staleWithoutVersionCookie"), "every request reads the store: " + lab);
        assertTrue(lab.flag("freshWithCurrentCookies"), lab.toString());
        assertTrue(lab.flag("lastChangeSurvived"), lab.toString());
    }

    /** Thirty additions of one shopper at once through nginx, spread over the instances: every one lands. */
    static void concurrentAdditionsOfOneShopperAllLand(Topology shop) {
        // given: one shopper (one cookie jar) with a cart
        ShopClient client = shop.client();
        String addOne = "{\"productId\": \"kettle\", \"quantity\": 1}";
        assertEquals(200, client.postJson("api/cart/items", addOne).status());

        // when: thirty additions at once, which nginx spreads over the three instances
        int additions = 30;
        List<CompletableFuture<ShopClient.Reply>> burst = IntStream.range(0, additions)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.postJson("api/cart/items", addOne))).toList();
        List<ShopClient.Reply> replies = burst.stream().map(CompletableFuture::join).toList();

        // then: every one was acknowledged and every one is in the cart
        replies.forEach(reply -> assertEquals(200, reply.status(), reply.body()));
        assertTrue(replies.stream().map(ShopClient.Reply::instance).distinct().count() > 1, "spread over the instances");
        assertEquals(1 + additions, Carts.session(client).itemCount(), "no addition lost");
    }

    /**
     * With the store taken away, what needs the session answers 503 with the shop's message (JSON and
     * page, no stack trace) and what does not still works; once {@code bringBack} has run, the shop serves
     * again by itself (with a fresh session: neither store keeps anything across a restart here), and no
     * instance was restarted.
     */
    static void storeDownIs503AndTheShopRecoversByItself(Topology shop, ShopClient shopper, Runnable takeAway, Runnable bringBack) {
        takeAway.run();
        try {
            ShopClient.Reply json = shopper.getJson("api/cart");
            assertEquals(503, json.status(), json.body());
            assertTrue(json.json().getString("detail").startsWith(SESSION_MESSAGE), json.body());
            ShopClient.Reply page = shopper.get("cart");
            assertEquals(503, page.status());
            assertTrue(page.body().contains(SESSION_MESSAGE), page.body());
            assertFalse(page.body().contains("Exception"), "no stack trace: " + page.body());
            assertEquals(200, shopper.getJson("api/products").status(), "what needs no session still works");
        } finally {
            bringBack.run();
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status;
        while ((status = shopper.getJson("api/cart").status()) != 200 && Instant.now().isBefore(deadline)) {
            StickyIT.sleepBriefly();
        }
        assertEquals(200, status, "the shop recovers by itself");
        assertEquals(200, shopper.get("").status());
        assertEquals(0, shop.status().exitCode(), shop.status().output());
    }
}
