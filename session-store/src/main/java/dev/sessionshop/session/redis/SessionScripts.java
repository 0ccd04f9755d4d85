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
     * Read = one round trip: the hash and the new last-access time and TTL in one atomic step. A
     * missing key stays missing, so a forged id cannot create one; a hash without its creation time is
     * no session (a fragment) and is deleted. The reply still holds the previous lastAccessedTime, which
     * is what {@code getLastAccessedTime()} must return.
     */
    static final String READ = """
            local hash = redis.call('HGETALL', KEYS[1])
            if #hash == 0 then return hash end
            if redis.call('HEXISTS', KEYS[1], 'creationTime') == 0 then
              redis.call('DEL', KEYS[1])
              return {}
            end
            redis.call('HSET', KEYS[1], 'lastAccessedTime', ARGV[1])
            local ttl = tonumber(redis.call('HGET', KEYS[1], 'maxInactiveInterval') or ARGV[2])
            if ttl and ttl > 0 then
              redis.call('PEXPIRE', KEYS[1], ttl * 1000)
            else
              redis.call('PERSIST', KEYS[1])
            end
            return hash
            """;
    static final String READ_SHA = sha1(READ);

    /**
     * Write = one round trip, one atomic step: the fields set, the fields deleted, the version incremented
     * and the TTL applied together, so no key ever exists without its TTL. ARGV: mode, the version the
     * writer read, TTL in ms (0 or less: none), the number n of fields to set, n field/value pairs, then
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
