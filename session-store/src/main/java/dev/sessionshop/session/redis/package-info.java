/**
 * The Redis backend of the session store: one Redis hash per session, read and written by two Lua
 * scripts (one round trip each), found directly or through Sentinel.
 *
 * <p>{@link dev.sessionshop.session.redis.RedisSessionStore} is a
 * {@link dev.sessionshop.session.SessionBackend}: give it to {@link dev.sessionshop.session.SessionStoreFilter}.
 * Its settings are {@link dev.sessionshop.session.redis.RedisSessionConfig}; its
 * {@code describe} answers a {@link dev.sessionshop.session.SessionLocation.Redis}. Everything else is
 * package-private. See the module's README for the data layout, round trips per request, and the
 * guarantees and limits.
 */
package dev.sessionshop.session.redis;
