/**
 * The shopping cart: a small immutable value ({@link dev.sessionshop.cart.Cart}) that the web module
 * keeps as one HttpSession attribute, and the rules that change and price it
 * ({@link dev.sessionshop.cart.CartService}). Keeping the cart a plain serializable value, not a CDI
 * session-scoped bean, is what lets the same code run on every session strategy: Payara's data grid
 * and the project's Redis store both replicate session attributes, and only when they are set again.
 */
package dev.sessionshop.cart;
