/**
 * Run-time configuration. One WAR serves every deployment: the session strategy, the Redis address and
 * the instance's identity come from MicroProfile Config (environment variables such as
 * {@code SESSION_STRATEGY}, {@code REDIS_URI} or {@code REDIS_SENTINELS}), never from build-time filtering.
 */
package dev.sessionshop.web.config;
