/**
 * How the shop says no. Every refusal, from pages and from the JSON API alike, carries the right status
 * and a message a person can act on; an HTML error page or an RFC 9457 problem document, never a stack
 * trace.
 */
package dev.sessionshop.web.error;
