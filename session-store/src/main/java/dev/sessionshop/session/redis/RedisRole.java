package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionLocation;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** What a node's replies say about its place in a primary/replica set. */
final class RedisRole {

    private RedisRole() {
    }

    /**
     * The replicas in a primary's {@code ROLE} reply: {@code ["master", offset, [[ip, port, offset], ...]]}.
     * Anything else (a replica's or Sentinel's reply, none at all) gives an empty list.
     */
    static List<SessionLocation.Redis.Replica> replicas(List<Object> role) {
        List<SessionLocation.Redis.Replica> replicas = new ArrayList<>();
        if (role == null || role.size() < 3 || !"master".equals(text(role.get(0)))) {
            return replicas;
        }
        long primaryOffset = number(role.get(1));
        if (role.get(2) instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof List<?> replica && replica.size() >= 3) {
                    long offset = number(replica.get(2));
                    replicas.add(new SessionLocation.Redis.Replica(text(replica.get(0)) + ":" + text(replica.get(1)),
                            primaryOffset >= 0 && offset >= 0 ? Math.max(0, primaryOffset - offset) : -1));
                }
            }
        }
        return replicas;
    }

    /**
     * Whether a failed command means the connection should be dropped and a new one opened (behind
     * Sentinel: to whichever node is the primary now), although Lettuce still calls it open. A timeout:
     * a host that vanished without a TCP reset (a killed container) leaves the socket open for minutes.
     * {@code READONLY}: the node was demoted to a replica under our feet.
     */
    static boolean connectionIsStale(RedisException e) {
        if (e instanceof RedisCommandTimeoutException || e.getCause() instanceof TimeoutException) {
            return true;
        }
        String message = e.getMessage();
        return message != null && (message.startsWith("READONLY") || message.contains("READONLY You can't write"));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static long number(Object value) {
        try {
            return Long.parseLong(text(value).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
