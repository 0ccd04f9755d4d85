/**
 * What the shop sells. The catalog is read once at start-up from a resource that ships with the
 * application, so every instance of the cluster serves the same products without a database:
 * the project is about where sessions live, and a shared read-only catalog keeps that the only
 * moving part.
 */
package dev.sessionshop.catalog;
