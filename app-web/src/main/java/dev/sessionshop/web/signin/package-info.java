/**
 * A minimal "sign in with a display name" — no passwords, just enough of a login to show what a login
 * must do to the session: give it a new id ({@code changeSessionId}), so that an id an attacker planted
 * in the shopper's browser beforehand (session fixation) is worth nothing afterwards. The page and
 * forms live here; the JSON endpoints are in {@code api}.
 */
package dev.sessionshop.web.signin;
