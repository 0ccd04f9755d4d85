package dev.sessionshop.session;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers a request whose session could not be read or saved because the store is unavailable.
 * Called only while the response is not yet committed, after it has been reset.
 */
@FunctionalInterface
public interface StoreUnavailableHandler {

    void handle(HttpServletRequest request, HttpServletResponse response, RuntimeException cause)
            throws IOException, ServletException;

    /** The default: a plain 503 with a short message (problem JSON or HTML), never a stack trace. */
    static StoreUnavailableHandler plain503() {
        return new PlainUnavailableResponse();
    }
}
