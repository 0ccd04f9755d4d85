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
     * Asks each shopper {@code requests} times which instance serves it.
     *
     * @return instance name → how many shoppers it serves
     * @throws IllegalStateException naming the first shopper that was served by two instances, or not at all
     */
    static Map<String, Integer> check(List<Shopper> shoppers, int requests) {
        Map<String, Integer> perInstance = new TreeMap<>();
        for (Shopper shopper : shoppers) {
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
}
