package dev.sessionshop.session;

import jakarta.servlet.http.HttpSession;
import java.util.OptionalLong;

/**
 * A session whose store counts the requests that read it, inside the read itself: a page view that changes
 * nothing else then costs one round trip and no write of its own, where counting in an attribute costs a
 * second round trip and a replicated write on every request. Redis counts; Memcached cannot (its read is a
 * get-and-touch), so there the count is empty and the application counts as it would without a store.
 */
public interface CountedSession extends HttpSession {

    /**
     * Requests that read this session, the current one included (the request that created it is the
     * first), as the store counted them; empty when the store does not count.
     */
    OptionalLong requestCount();
}
