package dev.sessionshop.web.api;

/** A request body that is not the JSON object the endpoint expects; answered with 400. */
final class BadJsonException extends RuntimeException {

    BadJsonException(String message) {
        super(message, null, false, false);
    }
}
