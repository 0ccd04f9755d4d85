/**
 * End-to-end tests of the local topology: each test class starts the whole shop with the real launcher
 * ({@code deployment/shop up <strategy>}), talks to it through nginx like a browser would, crashes and
 * restarts instances with the launcher's own commands, and tears it down afterwards. Annotate a class
 * with {@link dev.sessionshop.e2e.ShopTopology} and take a {@link dev.sessionshop.e2e.Topology} as a
 * parameter; {@link dev.sessionshop.e2e.ShopClient} plays one shopper with its own cookie jar.
 */
package dev.sessionshop.e2e;
