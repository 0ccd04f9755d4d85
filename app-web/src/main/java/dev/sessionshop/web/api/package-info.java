/**
 * The JSON API under {@code /api}, used by the tests, the labs and the benchmark. Request bodies are read
 * with JSON-P by hand, not bound by JSON-B, so that every malformed, oversized or mistyped body gets a
 * precise 400 problem document instead of a framework's generic error.
 */
package dev.sessionshop.web.api;
