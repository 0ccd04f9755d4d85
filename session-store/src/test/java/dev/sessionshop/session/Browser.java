package dev.sessionshop.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Plays a browser against the filter: keeps the session cookie from one request to the next, the way
 * a cookie jar does (the last Set-Cookie wins, Max-Age=0 deletes).
 */
public final class Browser {

    private final SessionStoreFilter filter;
    public String sessionCookie;

    public Browser(SessionStoreFilter filter) {
        this.filter = filter;
    }

    /** The filter this browser's requests go through (another browser can share it: the same instance). */
    public SessionStoreFilter filter() {
        return filter;
    }

    /** What the application saw and what the browser got back. */
    public record Exchange(FakeRequest request, FakeResponse response) {
    }

    /** The application code of one request. */
    @FunctionalInterface
    public interface App {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    public Exchange get(App app) throws IOException, ServletException {
        return get(app, request -> { }, response -> { });
    }

    public Exchange get(App app, Consumer<FakeRequest> requestSetup, Consumer<FakeResponse> responseSetup)
            throws IOException, ServletException {
        FakeRequest request = FakeRequest.create();
        if (sessionCookie != null) {
            request.cookie("SHOPSESSION", sessionCookie);
        }
        requestSetup.accept(request);
        FakeResponse response = FakeResponse.create();
        responseSetup.accept(response);
        FilterChain chain = (req, res) -> app.handle((HttpServletRequest) req, (HttpServletResponse) res);
        filter.doFilter(request, response, chain);
        for (String header : response.headers("Set-Cookie")) {
            if (header.startsWith("SHOPSESSION=")) {
                String value = header.substring("SHOPSESSION=".length(), header.indexOf(';'));
                sessionCookie = header.contains("Max-Age=0") ? null : value;
            }
        }
        return new Exchange(request, response);
    }

    /** Convenience: a request whose application code sets one attribute. */
    public Exchange set(String name, Object value) throws IOException, ServletException {
        return get((req, res) -> req.getSession().setAttribute(name, value));
    }

    /** Convenience: reads one attribute (null when there is no session). */
    public Object read(String name) throws IOException, ServletException {
        Object[] seen = new Object[1];
        get((req, res) -> {
            HttpSession session = req.getSession(false);
            seen[0] = session == null ? null : session.getAttribute(name);
        });
        return seen[0];
    }
}
