/**
 * The web module: adapters only. Pages, the JSON API, filters and the wiring of the session strategy
 * live here; the shop's rules live in app-ejb. Sub-packages follow the features ({@code catalog},
 * {@code cart}, {@code session}) plus the cross-cutting {@code api}, {@code error} and {@code config}.
 */
package dev.sessionshop.web;
