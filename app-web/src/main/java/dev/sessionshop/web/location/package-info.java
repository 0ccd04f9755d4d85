/**
 * "Where is my session?": the page at {@code /session} and {@code GET /api/session/location} say, for the
 * strategy in use, where the caller's session is kept right now (this instance's memory, the data grid
 * member that owns it and the ones holding its backup, or the Redis key and node), and show the
 * three instances with the one that answered. It exists because the point of the shop is to let people
 * watch a session move, not to take it on faith.
 */
package dev.sessionshop.web.location;
