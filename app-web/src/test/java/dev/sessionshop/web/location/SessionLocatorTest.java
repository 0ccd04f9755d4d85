package dev.sessionshop.web.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.session.SessionLocation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain sentences the page and the JSON lead with, for the shapes the data grid can be in. */
class SessionLocatorTest {

    private static final GridMember ONE = new GridMember("shop-1", "127.0.0.1:6900", true);
    private static final GridMember TWO = new GridMember("shop-2", "127.0.0.1:6901", false);
    private static final GridMember THREE = new GridMember("shop-3", "127.0.0.1:6902", false);

    @Test
    void gridSentenceNamesOwnerBackupAndWhoAnswered() {
        GridPlacement grid = new GridPlacement("", true, 149, TWO, List.of(THREE), true, 1, 1200);

        assertEquals("Your session is kept in the data grid map \"\" (named after the shop's context path), "
                + "partition 149. shop-2 owns it, shop-3 holds its backup. shop-1 answered and read it from the grid.",
                SessionLocator.inGrid("shop-1", grid, List.of(ONE, TWO, THREE)));
    }

    @Test
    void withoutThePartitionTableTheSentenceNamesTheBackupCountAndTheOtherMembers() {
        GridPlacement grid = new GridPlacement("", true, 7, TWO, List.of(), false, 1, 1200);

        assertEquals("Your session is kept in the data grid map \"\" (named after the shop's context path), "
                + "partition 7. shop-2 owns it; the map keeps 1 backup(s) on members other than the owner: "
                + "shop-1, shop-3. shop-1 answered and read it from the grid.",
                SessionLocator.inGrid("shop-1", grid, List.of(ONE, TWO, THREE)));
    }

    @Test
    void whilePartitionsMoveThereIsNoOwnerToName() {
        GridPlacement grid = new GridPlacement("", true, 7, null, List.of(), true, 1, 1200);

        assertEquals("The data grid is moving partitions right now; ask again in a moment.",
                SessionLocator.inGrid("shop-1", grid, List.of(ONE)));
    }

    @Test
    void redisSentenceNamesThePrimaryAndItsReplica() {
        SessionLocation.Redis redis = new SessionLocation.Redis("shop:session:abc", Duration.ofMinutes(30), 200, "127.0.0.1:6379",
                List.of(new SessionLocation.Redis.Replica("127.0.0.1:6380", 0)));

        assertEquals("Your session is the Redis hash shop:session:abc on 127.0.0.1:6379, the primary. 127.0.0.1:6380 "
                + "holds a copy (replicated asynchronously), which Sentinel promotes if the primary fails. "
                + "No instance keeps it in memory: every request reads it from Redis.", SessionLocator.inRedis(redis));
    }

    @Test
    void redisWithoutReplicaSaysItIsTheOnlyCopy() {
        SessionLocation.Redis redis = new SessionLocation.Redis("shop:session:abc", Duration.ofMinutes(30), 200, "127.0.0.1:6379", List.of());

        assertEquals("Your session is the Redis hash shop:session:abc on 127.0.0.1:6379, the primary. It has no replica: "
                + "that node holds the only copy. No instance keeps it in memory: every request reads it from Redis.",
                SessionLocator.inRedis(redis));
    }

    @Test
    void memcachedSentenceNamesTheOwnerAndTheBackupWithItsCopy() {
        SessionLocation.Memcached item = new SessionLocation.Memcached("shop:session:abc", "127.0.0.1:11212", true,
                "127.0.0.1:11211", true, 1187, Duration.ofMinutes(30));

        assertEquals("Your session is the memcached item shop:session:abc, 1187 bytes. 127.0.0.1:11212 (its owner, chosen "
                + "from the session id) holds it; 127.0.0.1:11211 holds the copy the store writes with every change. "
                + "Memcached does not replicate: the shop's store writes both. No instance keeps it in memory: every request "
                + "reads it from the owner, or from the backup when the owner fails.", SessionLocator.inMemcached(item));
    }

    @Test
    void memcachedSentenceSaysWhenTheOwnerLostIt() {
        SessionLocation.Memcached item = new SessionLocation.Memcached("shop:session:abc", "127.0.0.1:11211", false,
                "127.0.0.1:11212", true, 1187, Duration.ofMinutes(30));

        String sentence = SessionLocator.inMemcached(item);

        assertTrue(sentence.contains("127.0.0.1:11211 (its owner, chosen from the session id) does not hold it right now"), sentence);
        assertTrue(sentence.contains("127.0.0.1:11212 holds the copy"), sentence);
    }
}
