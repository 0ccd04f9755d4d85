package dev.sessionshop.benchmark;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether the shoppers of a pinning strategy really stay on one instance each. The shoppers pin themselves
 * as a browser would: by an address of their own (ip_hash) or by the session cookie their jar keeps (the
 * route cookie). If either is lost, the benchmark measures something else than the strategy.
 */
final class Pinning {

    private Pinning() {
    }

    /**
     * Gives each shopper a session if it may have none yet, then asks it {@code requests} times which
     * instance serves it.
     *
     * @return instance name → how many shoppers it serves
     * @throws IllegalStateException naming the first shopper that was served by two instances, or not at all
     */
    static Map<String, Integer> check(List<Shopper> shoppers, int requests) {
        Map<String, Integer> perInstance = new TreeMap<>();
        for (Shopper shopper : shoppers) {
            ensureSession(shopper);
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < requests; i++) {
                Optional<String> instance;
                try {
                    instance = shopper.servedBy();
                } catch (IOException e) {
                    throw new IllegalStateException("shopper " + shopper.number() + ": no answer while checking its instance", e);
                }
                seen.add(instance.orElseThrow(() -> new IllegalStateException("shopper " + shopper.number()
                        + ": the answer names no instance (" + Shopper.INSTANCE_HEADER + ")")));
            }
            if (seen.size() > 1) {
                throw new IllegalStateException("shopper " + shopper.number() + " was served by " + seen
                        + " in " + requests + " requests in a row: the strategy should keep it on one");
            }
            perInstance.merge(seen.iterator().next(), 1, Integer::sum);
        }
        return perInstance;
    }

    /**
     * Reads create no session, and without one the route cookie has no route to pin: a shopper whose
     * changes all failed so far (a short warm-up on cold instances) is balanced round robin, rightly. One
     * addition that succeeds gives it a session, so every shopper checked must then stay put.
     */
    private static void ensureSession(Shopper shopper) {
        if (!shopper.record().surelyHeld().isEmpty()) {
            return;
        }
        String product = Catalog.PRODUCT_IDS.stream()
                .filter(id -> shopper.record().atMost(id) < Catalog.MAX_QUANTITY)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("shopper " + shopper.number() + ": no product left to add"));
        Outcome added = shopper.add(product, 1);
        if (!added.ok()) {
            throw new IllegalStateException("shopper " + shopper.number() + ": no session, and adding to its cart failed: " + added.failure());
        }
    }
}
