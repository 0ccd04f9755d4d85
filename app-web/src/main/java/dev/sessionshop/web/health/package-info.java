/**
 * MicroProfile Health checks that Payara Micro serves at {@code /health/ready} and {@code /health/live}:
 * the launcher, docker compose and nginx's operators ask them whether this instance can take traffic.
 */
package dev.sessionshop.web.health;
