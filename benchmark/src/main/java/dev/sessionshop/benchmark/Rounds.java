package dev.sessionshop.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of the strategies in each round of a run with {@code --rounds}: a strategy's place in a run
 * (what ran before it, how warm the machine is) should not decide its ratio, so each round changes it:
 * ABC, CBA, BCA, ACB, CAB, BAC (every order of three in six rounds).
 */
final class Rounds {

    private Rounds() {
    }

    /** The order of round {@code round} (0: the order given). */
    static <T> List<T> order(List<T> given, int round) {
        List<T> order = new ArrayList<>(given);
        Collections.rotate(order, -(round / 2));
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** The median of {@code values} (the mean of the two middle ones for an even count); NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
