/**
 * A Jakarta Servlet {@code HttpSession} kept in Redis, for any Jakarta EE 10 container.
 *
 * <p>Payara Micro has no Redis session store, {@code hazelcast-wm} has no Jakarta release, and the
 * Redisson and memcached session managers plug into Tomcat internals only. So the shop's
 * {@code external} strategy brings its own: {@link dev.sessionshop.session.redis.RedisSessionFilter}
 * wraps every request, and the wrapped request's {@code getSession()} returns a session whose
 * attributes live in one Redis hash per session instead of the container's memory. Nothing here
 * depends on a container's internals, which is what lets any node behind a round-robin balancer
 * serve any request, and what lets other Jakarta EE applications reuse the module.
 *
 * <p>The public surface is small on purpose: {@link dev.sessionshop.session.redis.RedisSessionConfig},
 * {@link dev.sessionshop.session.redis.RedisSessionStore},
 * {@link dev.sessionshop.session.redis.RedisSessionFilter},
 * {@link dev.sessionshop.session.redis.StoreUnavailableHandler} and
 * {@link dev.sessionshop.session.redis.SessionLocation}. Everything else is package-private so it
 * can change without breaking the web application. See the module's README for the data layout,
 * round trips per request, and the guarantees and limits.
 */
package dev.sessionshop.session.redis;
