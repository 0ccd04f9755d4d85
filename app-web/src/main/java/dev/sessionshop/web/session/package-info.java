/**
 * Everything the shop knows about the HTTP session itself: the one place that creates it and counts its
 * requests, the session panel every page shows (which instance served the request, which strategy is in
 * use, the session's id and age), and the wiring that swaps in the store-backed session for the
 * {@code external} (Redis) and {@code external-memcached} strategies.
 */
package dev.sessionshop.web.session;
