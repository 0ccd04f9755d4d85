/**
 * What an application may ask of a session kept outside the container, whatever the store behind it: a
 * {@link dev.sessionshop.session.VersionedSession} can be written at once, and refuses the write when another
 * request wrote the session since this one read it. The shop's cart uses it to re-apply a change instead of
 * overwriting someone else's; a container session (sticky, clustering) simply is not one.
 */
package dev.sessionshop.session;
