/**
 * The cart as the web sees it: {@link dev.sessionshop.web.cart.SessionCart} is the single accessor that
 * reads the cart from the session and writes every change back with {@code setAttribute} (what session
 * replication needs), and the cart page with its forms.
 */
package dev.sessionshop.web.cart;
