package dev.sessionshop.web.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain sentences the page and the JSON lead with, for the shapes the data grid can be in. */
class SessionLocatorTest {

    private static final GridMember ONE = new GridMember("shop-1", "127.0.0.1:6900", true);
    private static final GridMember TWO = new GridMember("shop-2", "127.0.0.1:6901", false);
    private static final GridMember THREE = new GridMember("shop-3", "127.0.0.1:6902", false);

    @Test
    void gridSentenceNamesOwnerBackupAndWhoAnswered() {
        GridPlacement grid = new GridPlacement("", true, 149, TWO, List.of(THREE), true, 1);

        assertEquals("Your session is kept in the data grid map \"\" (named after the shop's context path), "
                + "partition 149. shop-2 owns it, shop-3 holds its backup. shop-1 answered and read it from the grid.",
                SessionLocator.inGrid("shop-1", grid, List.of(ONE, TWO, THREE)));
    }

    @Test
    void withoutThePartitionTableTheSentenceNamesTheBackupCountAndTheOtherMembers() {
        GridPlacement grid = new GridPlacement("", true, 7, TWO, List.of(), false, 1);

        assertEquals("Your session is kept in the data grid map \"\" (named after the shop's context path), "
                + "partition 7. shop-2 owns it; the map keeps 1 backup(s) on members other than the owner: "
                + "shop-1, shop-3. shop-1 answered and read it from the grid.",
                SessionLocator.inGrid("shop-1", grid, List.of(ONE, TWO, THREE)));
    }

    @Test
    void whilePartitionsMoveThereIsNoOwnerToName() {
        GridPlacement grid = new GridPlacement("", true, 7, null, List.of(), true, 1);

        assertEquals("The data grid is moving partitions right now; ask again in a moment.",
                SessionLocator.inGrid("shop-1", grid, List.of(ONE)));
    }
}
