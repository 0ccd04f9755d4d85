package dev.sessionshop.session.redis;

import dev.sessionshop.session.BackendProbe;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The contract's view of Redis: the session's hash, read and planted with plain commands. */
final class RedisProbe implements BackendProbe {

    private final RedisServerExtension server;

    RedisProbe(RedisServerExtension server) {
        this.server = server;
    }

    private RedisCommands<String, byte[]> redis() {
        return server.redis();
    }

    private static String key(String sessionId) {
        return RedisSessionConfig.DEFAULT_KEY_PREFIX + sessionId;
    }

    @Override
    public void flush() {
        redis().flushall();
    }

    @Override
    public boolean exists(String sessionId) {
        return redis().exists(key(sessionId)) == 1;
    }

    /** The contract runs the store with the default refresh slice. */
    @Override
    public Duration ttlSlack(Duration timeout) {
        return timeout.multipliedBy(RedisSessionConfig.DEFAULT_TTL_REFRESH_PERCENT).dividedBy(100);
    }

    @Override
    public long ttlMillis(String sessionId) {
        return redis().pttl(key(sessionId));
    }

    @Override
    public void expireIn(String sessionId, Duration ttl) {
        redis().pexpire(key(sessionId), ttl.toMillis());
    }

    @Override
    public byte[] stored(String sessionId, String attribute) {
        return redis().hget(key(sessionId), SessionHash.attributeField(attribute));
    }

    @Override
    public Set<String> storedNames(String sessionId) {
        return redis().hkeys(key(sessionId)).stream().filter(SessionHash::isAttributeField)
                .map(SessionHash::attributeName).collect(Collectors.toSet());
    }

    @Override
    public void plant(String sessionId, String attribute, byte[] value) {
        redis().hset(key(sessionId), SessionHash.attributeField(attribute), value);
    }

    @Override
    public long version(String sessionId) {
        byte[] version = redis().hget(key(sessionId), SessionHash.VERSION);
        return version == null ? 0 : Long.parseLong(new String(version, StandardCharsets.US_ASCII));
    }

    @Override
    public long sessionCount() {
        return redis().dbsize();
    }

    /** Runs of the write script (its HINCRBY of the version), DEL and RENAMENX; the read script's count is part of a read. */
    @Override
    public long writes() {
        Map<String, Long> calls = server.commandStats();
        return calls.getOrDefault("hincrby", 0L) + calls.getOrDefault("del", 0L) + calls.getOrDefault("renamenx", 0L);
    }

    @Override
    public long calls() {
        return server.commandStats().entrySet().stream().filter(e -> !e.getKey().equals("info"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
