/**
 * Requests the shop refuses before any of its code, or Payara's, reads them: a method it does not serve, a
 * session id in the URL, a body or query in a character set other than UTF-8 (or its ASCII and Latin-1
 * subsets). Each gets the shop's own error page or problem document and one line in the log; Payara's
 * answers to them were its own product-branded page, a session found through the URL, or a 500.
 */
package dev.sessionshop.web.guard;
