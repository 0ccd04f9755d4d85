package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionBackend.StoredSession;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client paths {@link ClientPathMeasurement} compares. Each one does what a page view does: one
 * {@code EVALSHA} of the store's own read script ({@link SessionScripts#READ}) with the arguments the store
 * sends, and the reply turned into the same {@link StoredSession}; only the way to Redis and back differs.
 */
interface ClientPaths extends AutoCloseable {

    String name();

    /** What the path is, for the report. */
    String description();

    StoredSession read(String sessionId);

    @Override
    void close();

    /** (a) The store as it is: {@code RedisSessionStore.load}, Lettuce's sync API on one shared connection. */
    static ClientPaths store(RedisSessionConfig config) {
        RedisSessionStore store = RedisSessionStore.start(config);
        return new ClientPaths() {
            public String name() {
                return "a lettuce-store";
            }

            public String description() {
                return "RedisSessionStore.load(id, REQUEST) as shipped: Lettuce sync API, one shared connection, "
                        + "default ClientResources (2 I/O + 2 computation threads on 2 cores)";
            }

            public StoredSession read(String sessionId) {
                return store.load(sessionId, SessionBackend.Read.REQUEST).orElseThrow();
            }

            public void close() {
                store.close();
            }
        };
    }

    /**
     * (b) Lettuce with the knobs that exist for fewer threads in the way: one I/O and one computation thread
     * instead of two of each, the store's own client options; with {@code async}, the async API and a
     * {@code get} on the request thread instead of the sync API's proxy.
     */
    static ClientPaths leanLettuce(RedisSessionConfig config, boolean async) {
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .build());
        StatefulRedisConnection<String, byte[]> connection = client.connect(
                RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), RedisUris.of(config));
        long timeoutMillis = config.commandTimeout().toMillis();
        ReadArguments arguments = new ReadArguments(config);
        return new ClientPaths() {
            public String name() {
                return async ? "b2 lettuce-1io-async" : "b1 lettuce-1io-sync";
            }

            public String description() {
                return "Lettuce, ClientResources ioThreadPoolSize(1) computationThreadPoolSize(1), the store's ClientOptions, "
                        + (async ? "async API + get(timeout) on the request thread" : "sync API");
            }

            public StoredSession read(String sessionId) {
                String[] keys = {arguments.key(sessionId)};
                byte[][] args = arguments.args();
                try {
                    List<Object> reply = async
                            ? connection.async().<List<Object>>evalsha(SessionScripts.READ_SHA, ScriptOutputType.MULTI, keys, args)
                                    .get(timeoutMillis, TimeUnit.MILLISECONDS)
                            : connection.sync().evalsha(SessionScripts.READ_SHA, ScriptOutputType.MULTI, keys, args);
                    return toSession(reply, arguments.defaultMaxInactive());
                } catch (Exception e) {
                    throw new IllegalStateException(name() + ": " + e, e);
                }
            }

            public void close() {
                connection.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                resources.shutdown(0, 2, TimeUnit.SECONDS);
            }
        };
    }

    /** (c) Jedis: a pool of blocking connections, the command sent and its reply read on the request thread. */
    static ClientPaths jedisPool(RedisSessionConfig config, int port, int poolSize) {
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(poolSize);
        poolConfig.setMaxIdle(poolSize);
        poolConfig.setMaxWait(config.commandTimeout());
        int timeoutMillis = (int) config.commandTimeout().toMillis();
        JedisPool pool = new JedisPool(poolConfig, new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) config.connectTimeout().toMillis())
                .socketTimeoutMillis(timeoutMillis)
                // RESP2 (Lettuce negotiates RESP3): the read script's reply is the same arrays and bulk strings in both;
                // without this Jedis warns on every new connection that it cannot negotiate.
                .autoNegotiateProtocol(false)
                .build());
        byte[] sha = SessionScripts.READ_SHA.getBytes(StandardCharsets.US_ASCII);
        ReadArguments arguments = new ReadArguments(config);
        return new ClientPaths() {
            public String name() {
                return "c jedis-pool";
            }

            public String description() {
                return "Jedis JedisPool (maxTotal " + poolSize + "), EVALSHA on the request thread";
            }

            @SuppressWarnings("unchecked")
            public StoredSession read(String sessionId) {
                try (Jedis jedis = pool.getResource()) {
                    Object reply = jedis.evalsha(sha, List.of(arguments.key(sessionId).getBytes(StandardCharsets.UTF_8)),
                            List.of(arguments.args()));
                    return toSession((List<Object>) reply, arguments.defaultMaxInactive());
                }
            }

            public void close() {
                pool.close();
            }
        };
    }

    /** The read script's key and arguments, exactly as {@code RedisSessionStore.load} builds them for a request. */
    record ReadArguments(RedisSessionConfig config) {

        String key(String sessionId) {
            return config.keyPrefix() + sessionId;
        }

        int defaultMaxInactive() {
            return config.settings().maxInactiveSeconds();
        }

        byte[][] args() {
            return new byte[][]{SessionHash.number(System.currentTimeMillis()), SessionHash.number(defaultMaxInactive()),
                    SessionHash.number(config.ttlRefreshPercent()), SessionHash.number(1)};
        }
    }

    /** The reply of the read script as the store turns it into a session (the same steps as its {@code load}). */
    static StoredSession toSession(List<Object> reply, int defaultMaxInactive) {
        if (reply == null || reply.size() != 2 || !(reply.get(0) instanceof List<?> fields)) {
            throw new IllegalStateException("no session in the reply: " + reply);
        }
        Map<String, byte[]> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            hash.put(new String((byte[]) fields.get(i), StandardCharsets.UTF_8), (byte[]) fields.get(i + 1));
        }
        long requestCount = reply.get(1) instanceof Long count ? count : 0;
        return SessionHash.toSession(hash, defaultMaxInactive, requestCount);
    }
}
