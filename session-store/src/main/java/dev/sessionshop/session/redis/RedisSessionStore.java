package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionIds;
import dev.sessionshop.session.SessionLocation;
import dev.sessionshop.session.SessionSettings;
import dev.sessionshop.session.SessionStoreUnavailableException;
import dev.sessionshop.session.StoreAvailability;
import dev.sessionshop.session.VersionedSession;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Redis side of the session store: one Lettuce connection (thread-safe, shared by all requests)
 * and the handful of commands a session needs.
 *
 * <p>{@link #start(RedisSessionConfig)} never fails because Redis is down: the application must boot
 * and serve pages that need no session. The connection is opened on first use; when it breaks, the
 * requests in between get {@link SessionStoreUnavailableException} at once (Lettuce's
 * {@code REJECT_COMMANDS}) instead of queueing, and the first request after Redis is back opens a new
 * one. Behind Sentinel ({@link RedisSessionConfig.Builder#sentinels}, or a {@code redis-sentinel://} URI)
 * that new connection asks the Sentinels for the current primary, which is how the store follows a
 * failover without a restart: the old primary's connection breaks (or its commands time out, or it
 * answers {@code READONLY} once demoted), it is discarded, and the next request connects to whichever
 * node the Sentinels name now. Until they have promoted a replica, requests get the 503.
 */
public final class RedisSessionStore implements SessionBackend {

    private static final Logger LOG = Logger.getLogger(RedisSessionStore.class.getName());
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisSessionConfig config;
    private final RedisURI uri;
    private final RedisClient client;
    private final ReentrantLock connectLock = new ReentrantLock();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private final StoreAvailability availability = new StoreAvailability("Redis", LOG);
    private volatile boolean closed;

    private RedisSessionStore(RedisSessionConfig config) {
        this.config = config;
        this.uri = RedisUris.of(config);
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                // At most once: with auto-reconnect Lettuce re-sends the commands a broken connection
                // left unanswered, so a save already answered with a 503 could land seconds later over a
                // newer one. The store opens a new connection itself on the next request instead.
                .autoReconnect(false)
                // Fail fast while disconnected: a queued command would hold a request thread until
                // the timeout, and a burst of them would exhaust the container's pool.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .build());
    }

    /** Creates the store and tries to connect; Redis being down is logged, not thrown. */
    public static RedisSessionStore start(RedisSessionConfig config) {
        RedisSessionStore store = new RedisSessionStore(config);
        LOG.log(Level.INFO, "Redis session store starting: {0}", config);
        try {
            store.connection();
        } catch (SessionStoreUnavailableException e) {
            // Already logged at WARNING by unavailable(); say what happens next.
            LOG.log(Level.INFO, "Redis session store started without Redis; it connects on first use");
        }
        return store;
    }

    /** The Redis key of a session's hash. */
    public String key(String sessionId) {
        return config.keyPrefix() + sessionId;
    }

    /**
     * Where a session lives, without touching it (no TTL refresh). Empty when there is no such session.
     *
     * @throws SessionStoreUnavailableException when Redis cannot be reached
     */
    @Override
    public Optional<SessionLocation> describe(String sessionId) {
        if (!SessionIds.isWellFormed(sessionId)) {
            return Optional.empty();
        }
        String key = key(sessionId);
        return call("describe", c -> {
            RedisAsyncCommands<String, byte[]> async = c.async();
            var ttl = async.pttl(key);
            var size = async.memoryUsage(key);
            var info = async.clientInfo();
            var role = async.role();
            long ttlMillis = await(ttl);
            if (ttlMillis == -2) {
                return Optional.empty();
            }
            Long bytes = await(size);
            return Optional.of(new SessionLocation.Redis(key, Duration.ofMillis(ttlMillis),
                    bytes == null ? -1 : bytes, node(awaitQuietly(info)), RedisRole.replicas(awaitQuietly(role))));
        });
    }

    @Override
    public SessionSettings settings() {
        return config.settings();
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, byte[]> current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    // ---- the backend: what the core's filter and session ask of Redis ----

    private int defaultMaxInactiveSeconds() {
        return config.settings().maxInactiveSeconds();
    }

    /**
     * One round trip: the session's fields, the request counted (unless {@code read} is a reload) and the TTL
     * renewed when it is due; empty if no such key. See {@link SessionScripts#READ}.
     */
    @Override
    public Optional<StoredSession> load(String sessionId, Read read) {
        String[] keys = {key(sessionId)};
        byte[][] args = {SessionHash.number(System.currentTimeMillis()), SessionHash.number(defaultMaxInactiveSeconds()),
                SessionHash.number(config.ttlRefreshPercent()), SessionHash.number(read == Read.REQUEST ? 1 : 0)};
        List<Object> reply = script("load", SessionScripts.READ, SessionScripts.READ_SHA, ScriptOutputType.MULTI, keys, args);
        if (reply == null || reply.size() != 2 || !(reply.get(0) instanceof List<?> fields)) {
            return Optional.empty();
        }
        Map<String, byte[]> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            hash.put(new String((byte[]) fields.get(i), StandardCharsets.UTF_8), (byte[]) fields.get(i + 1));
        }
        long requestCount = reply.get(1) instanceof Long count ? count : 0;
        return Optional.of(SessionHash.toSession(hash, defaultMaxInactiveSeconds(), requestCount));
    }

    /** Redis counts a session's requests in its read script. */
    @Override
    public boolean countsRequests() {
        return true;
    }

    /**
     * One round trip, atomic: see {@link SessionScripts#WRITE}. A new session is written whole (its
     * metadata fields and every attribute); a change writes the attributes set, deletes those removed, and
     * writes the max inactive interval only when it changed.
     *
     * @throws IllegalStateException when a new session's id is taken (it never is: 256-bit ids)
     */
    @Override
    public Written write(String sessionId, WriteMode mode, long expectedVersion, SessionWrite write) {
        Map<String, byte[]> fields = SessionHash.fields(mode, write);
        List<String> deletedFields = write.removed().stream().map(SessionHash::attributeField).toList();
        int maxInactiveSeconds = write.maxInactiveInterval();
        String[] keys = {key(sessionId)};
        List<byte[]> args = new ArrayList<>(4 + 2 * fields.size() + deletedFields.size());
        args.add(SessionScripts.argument(mode));
        args.add(SessionHash.number(expectedVersion));
        args.add(SessionHash.number(maxInactiveSeconds > 0 ? config.ttlMillis(maxInactiveSeconds) : 0));
        args.add(SessionHash.number(fields.size()));
        fields.forEach((field, value) -> {
            args.add(field.getBytes(StandardCharsets.UTF_8));
            args.add(value);
        });
        deletedFields.forEach(field -> args.add(field.getBytes(StandardCharsets.UTF_8)));
        long reply = this.<Long>script("write", SessionScripts.WRITE, SessionScripts.WRITE_SHA, ScriptOutputType.INTEGER, keys,
                args.toArray(new byte[0][]));
        Written written = reply >= 0 ? new Written(VersionedSession.Outcome.SAVED, reply)
                : reply == -1 ? new Written(VersionedSession.Outcome.GONE, 0)
                : reply == -2 ? new Written(VersionedSession.Outcome.CONFLICT, 0)
                : null;
        if (written == null) {
            throw new IllegalStateException("a new session's id is already taken in Redis");
        }
        LOG.log(Level.FINE, "Write ({0}) of session {1}: {2} field(s) set, {3} removed: {4}",
                new Object[]{mode, SessionIds.forLog(sessionId), fields.size(), deletedFields.size(), written});
        return written;
    }

    @Override
    public void delete(String sessionId) {
        call("delete", c -> c.sync().del(key(sessionId)));
    }

    /** RENAMENX; false when the old key is gone (expired meanwhile). A collision of 256-bit ids is not a concern. */
    @Override
    public boolean rename(String oldId, String newId) {
        return call("rename", c -> {
            try {
                return c.sync().renamenx(key(oldId), key(newId));
            } catch (RedisCommandExecutionException e) {
                if (e.getMessage() != null && e.getMessage().contains("no such key")) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** EVALSHA, and EVAL once when Redis does not know the script (first use after a restart or SCRIPT FLUSH). */
    private <T> T script(String operation, String script, String sha, ScriptOutputType type, String[] keys, byte[][] args) {
        return call(operation, c -> {
            RedisCommands<String, byte[]> sync = c.sync();
            try {
                return sync.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return sync.eval(script, type, keys, args);
            }
        });
    }

    // ---- connection handling ----

    private <T> T call(String operation, Function<StatefulRedisConnection<String, byte[]>, T> action) {
        StatefulRedisConnection<String, byte[]> c = connection();
        try {
            T result = action.apply(c);
            markAvailable();
            return result;
        } catch (RedisException e) {
            if (!c.isOpen() || RedisRole.connectionIsStale(e)) {
                discard(c);
            }
            throw unavailable(operation, e);
        }
    }

    /**
     * The open connection, or a new one. Only one thread connects at a time; the others get an
     * immediate "unavailable" instead of waiting behind a connect that may take connectTimeout.
     */
    private StatefulRedisConnection<String, byte[]> connection() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        if (closed) {
            throw new SessionStoreUnavailableException("Redis session store is closed", null);
        }
        if (!connectLock.tryLock()) {
            throw new SessionStoreUnavailableException("Redis connection is being (re)established", null);
        }
        try {
            current = connection;
            if (current != null && current.isOpen()) {
                return current;
            }
            if (current != null) {
                // Lettuce is reconnecting it in the background; a fresh connect answers sooner and
                // asks the sentinels again for the current primary.
                discard(current);
            }
            StatefulRedisConnection<String, byte[]> opened = client.connect(CODEC, uri);
            connection = opened;
            markAvailable();
            return opened;
        } catch (RedisException e) {
            throw unavailable("connect", e);
        } finally {
            connectLock.unlock();
        }
    }

    private void discard(StatefulRedisConnection<String, byte[]> broken) {
        if (connection == broken) {
            connection = null;
        }
        broken.closeAsync();
    }

    private void markAvailable() {
        availability.markAvailable();
    }

    private SessionStoreUnavailableException unavailable(String operation, RuntimeException cause) {
        return availability.unavailable(operation, cause);
    }

    private <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException redis) {
                throw redis;
            }
            throw new RedisException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisException("command timed out after " + config.commandTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted", e);
        }
    }

    private <T> T awaitQuietly(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return await(stage);
        } catch (RedisException e) {
            return null;
        }
    }

    /** The server side of our connection ("laddr" in CLIENT INFO), or the configured address. */
    private String node(String clientInfo) {
        if (clientInfo != null) {
            for (String part : clientInfo.trim().split(" ")) {
                if (part.startsWith("laddr=")) {
                    return part.substring("laddr=".length());
                }
            }
        }
        return uri.getHost() != null ? uri.getHost() + ":" + uri.getPort() : "unknown";
    }
}
