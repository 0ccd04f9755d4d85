/**
 * The Memcached backend of the session store: one item per session, replicated by the client to a
 * second node (owner and backup, chosen from the session id), as memcached-session-manager does for
 * Tomcat. Memcached has no replication, no hashes and no scripts: CAS makes a write conditional, and
 * get-and-touch renews a session's TTL in the read's own round trip.
 *
 * <p>{@link dev.sessionshop.session.memcached.MemcachedSessionStore} is a
 * {@link dev.sessionshop.session.SessionBackend}: give it to {@link dev.sessionshop.session.SessionStoreFilter}.
 * Its settings are {@link dev.sessionshop.session.memcached.MemcachedSessionConfig}; its {@code describe}
 * answers a {@link dev.sessionshop.session.SessionLocation.Memcached}.
 */
package dev.sessionshop.session.memcached;
