/**
 * A Jakarta Servlet {@code HttpSession} kept outside the container, whatever the store: the core that
 * every backend shares.
 *
 * <p>Payara Micro has no external session store of its own, {@code hazelcast-wm} has no Jakarta release,
 * and the Redisson and memcached session managers plug into Tomcat internals only. So the shop brings
 * its own: {@link dev.sessionshop.session.SessionStoreFilter} wraps every request, and the wrapped
 * request's {@code getSession()} returns a session whose attributes live in a
 * {@link dev.sessionshop.session.SessionBackend} (Redis in {@code .redis}, Memcached in {@code .memcached})
 * instead of the container's memory. Cookies, ids, the serializer and its allow-list, the save before the
 * response commits and the 503 when the store is down live here, once.
 *
 * <p>What an application may ask of such a session: a {@link dev.sessionshop.session.VersionedSession} can
 * be written at once, and refuses the write when another request wrote the session since this one read
 * it (the shop's cart re-applies its change instead of overwriting someone else's; a container session
 * simply is not one); {@link dev.sessionshop.session.SecureRequests} says the request was HTTPS;
 * {@link dev.sessionshop.session.SessionLocation} says where a session is kept.
 */
package dev.sessionshop.session;
