package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The strategies' order round after round, and the median of the ratios. */
class RoundsTest {

    @Test
    void alternatesTheOrderAsAbcCbaBca() {
        List<String> given = List.of("A", "B", "C");

        assertEquals(List.of("A", "B", "C"), Rounds.order(given, 0));
        assertEquals(List.of("C", "B", "A"), Rounds.order(given, 1));
        assertEquals(List.of("B", "C", "A"), Rounds.order(given, 2));
    }

    @Test
    void sixRoundsOfThreeRunEveryOrderOnce() {
        Set<List<String>> orders = IntStream.range(0, 6).mapToObj(r -> Rounds.order(List.of("A", "B", "C"), r)).collect(Collectors.toSet());

        assertEquals(6, orders.size(), orders.toString());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoInTheMiddle() {
        assertEquals(0.6, Rounds.median(List.of(0.7, 0.5, 0.6)), 1e-9);
        assertEquals(0.55, Rounds.median(List.of(0.7, 0.5, 0.6, 0.4)), 1e-9);
        assertTrue(Double.isNaN(Rounds.median(List.of())));
    }
}
