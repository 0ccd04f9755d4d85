package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two Lua scripts that are the store's whole protocol with Redis: one read, one write, each a single
 * atomic step and a single round trip ({@code EVALSHA}, with {@code EVAL} once after a Redis restart).
 */
final class SessionScripts {

    private SessionScripts() {
    }

    /**
     * Read = one round trip: the hash, the request counted and the TTL renewed, in one atomic step. A
     * missing key stays missing, so a forged id cannot create one; a hash without its creation time is no
     * session (a fragment) and is deleted. ARGV: now (ms), the default timeout (s), the refresh slice (percent
     * of the timeout), and 1 to count this read as a request (0: a reload by the same request).
     *
     * <p>The count is the {@code requests} field, so counting a page view costs no write of its own. The TTL is
     * renewed lazily: only once it has run down below the full timeout, and then to the timeout plus the
     * slice, with {@code lastAccessedTime}; in between the read leaves both alone. So the key never expires
     * sooner than the timeout after a read. Returns {} when there is no session, else {hash, count}; the hash
     * still holds the lastAccessedTime of before this read, which is what {@code getLastAccessedTime()} must
     * return. A damaged count starts again at 0 rather than failing the read.
     */
    static final String READ = """
            local hash = redis.call('HGETALL', KEYS[1])
            if #hash == 0 then return hash end
            if redis.call('HEXISTS', KEYS[1], 'creationTime') == 0 then
              redis.call('DEL', KEYS[1])
              return {}
            end
            local count = tonumber(redis.call('HGET', KEYS[1], 'requests') or '0')
            if not count or count < 0 or count >= 1e15 then count = 0 end
            if ARGV[4] == '1' then
              count = count + 1
              redis.call('HSET', KEYS[1], 'requests', string.format('%d', count))
            end
            local interval = tonumber(redis.call('HGET', KEYS[1], 'maxInactiveInterval') or ARGV[2])
            if interval and interval > 0 then
              local timeout = interval * 1000
              if redis.call('PTTL', KEYS[1]) < timeout then
                redis.call('HSET', KEYS[1], 'lastAccessedTime', ARGV[1])
                redis.call('PEXPIRE', KEYS[1], timeout + math.floor(timeout * tonumber(ARGV[3]) / 100))
              end
            else
              redis.call('PERSIST', KEYS[1])
            end
            return {hash, count}
            """;
    static final String READ_SHA = sha1(READ);

    /**
     * Write = one round trip, one atomic step: the fields set, the fields deleted, the version incremented
     * and the TTL applied together, so no key ever exists without its TTL. ARGV: mode, the version the
     * writer read, TTL in ms (0 or less: none; the timeout plus the refresh slice, as the read sets it), the number n of fields to set, n field/value pairs, then
     * the fields to delete. Modes: {@code create} refuses an existing key; {@code update} and
     * {@code checked} refuse a session that is gone (invalidated, renamed or expired since it was read),
     * so a late write cannot bring it back; {@code checked} also refuses when another write came first.
     * Returns the new version, or -1 (gone), -2 (conflict), -3 (exists).
     */
    static final String WRITE = """
            local mode = ARGV[1]
            if mode == 'create' then
              if redis.call('EXISTS', KEYS[1]) == 1 then return -3 end
            elseif redis.call('HEXISTS', KEYS[1], 'creationTime') == 0 then
              return -1
            elseif mode == 'checked' and tonumber(redis.call('HGET', KEYS[1], 'version') or '0') ~= tonumber(ARGV[2]) then
              return -2
            end
            local n = tonumber(ARGV[4])
            if n > 0 then redis.call('HSET', KEYS[1], unpack(ARGV, 5, 4 + 2 * n)) end
            if #ARGV > 4 + 2 * n then redis.call('HDEL', KEYS[1], unpack(ARGV, 5 + 2 * n, #ARGV)) end
            local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
            local ttl = tonumber(ARGV[3])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) else redis.call('PERSIST', KEYS[1]) end
            return version
            """;
    static final String WRITE_SHA = sha1(WRITE);

    /** The write script's first argument for a mode: see {@link #WRITE}. */
    static byte[] argument(SessionBackend.WriteMode mode) {
        String argument = switch (mode) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case CHECKED -> "checked";
        };
        return argument.getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
