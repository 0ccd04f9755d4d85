/**
 * Run-time configuration. One WAR serves every deployment: the session strategy, the store's address and
 * the instance's identity come from MicroProfile Config or the environment ({@code SESSION_STRATEGY},
 * {@code REDIS_URI} or {@code REDIS_SENTINELS}, {@code SHOP_MEMCACHED_NODES}), never from build-time filtering.
 */
package dev.sessionshop.web.config;
