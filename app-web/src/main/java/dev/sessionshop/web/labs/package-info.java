/**
 * The labs: small experiments that break a session on purpose and show, per strategy, what happens. Each
 * experiment runs in a fresh session of its own: the serving instance sends real HTTP requests, straight
 * to the instances' own URLs ({@code shop.instances}), with a cookie jar of its own, and reports every
 * step. The shopper's own session is never touched. Off unless the deployment sets
 * {@code shop.labs.enabled} (see {@link dev.sessionshop.web.config.ShopSettings#LABS_ENABLED}).
 */
package dev.sessionshop.web.labs;
