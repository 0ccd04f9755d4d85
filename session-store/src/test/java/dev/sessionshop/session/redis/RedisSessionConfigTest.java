package dev.sessionshop.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisSessionConfigTest {

    private static RedisSessionConfig.Builder builder() {
        return RedisSessionConfig.builder().redisUri("redis://127.0.0.1:6379");
    }

    @Test
    void theTtlIsTheTimeoutPlusTheRefreshSlice() {
        assertEquals(10, builder().build().ttlRefreshPercent(), "the default");
        assertEquals(1_980_000, builder().build().ttlMillis(1800), "30 minutes + 10 %");
        assertEquals(1_800_000, builder().ttlRefreshPercent(0).build().ttlMillis(1800), "no slice: exactly the timeout");
        assertEquals(90_000, builder().ttlRefreshPercent(50).build().ttlMillis(60));
    }

    @Test
    void aRefreshSliceOutsideZeroToFiftyPercentIsRefusedWithItsRange() {
        for (int percent : new int[] {-1, 51, 1000}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> builder().ttlRefreshPercent(percent).build());
            assertTrue(refused.getMessage().contains("from 0 to 50, not " + percent), refused.getMessage());
        }
    }
}
