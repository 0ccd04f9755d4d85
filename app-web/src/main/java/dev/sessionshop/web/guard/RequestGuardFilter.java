package dev.sessionshop.web.guard;

import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.error.ErrorResponses;
import dev.sessionshop.web.session.InstanceIdentity;
import dev.sessionshop.web.session.SessionActivityFilter;
import dev.sessionshop.web.session.SessionPanel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refuses what {@link RequestRules} names, before any filter of the shop that reads the session or the
 * parameters (web.xml puts it second, after the one that only wraps the response), so a session id in the URL finds no session and an undecodable query throws nothing.
 * The error page it shows has the session panel without a session: the one the URL named is not shown.
 */
public class RequestGuardFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestGuardFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<RequestRules.Refusal> refusal = RequestRules.check(request.getMethod(), request.getRequestURI(),
                request.isRequestedSessionIdFromURL(), request.getCharacterEncoding());
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        RequestRules.Refusal refused = refusal.get();
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        LOG.info(() -> "Refused " + RequestRules.loggable(request.getMethod()) + " " + RequestRules.loggable(path)
                + " (" + refused.status() + "): " + refused.reason());
        response.setHeader(SessionActivityFilter.INSTANCE_HEADER, InstanceIdentity.current().name());
        request.setAttribute(SessionActivityFilter.PANEL,
                SessionPanel.withoutSession(ShopSettings.of(getServletContext()).strategy()));
        // The error page is a JSP, which serves GET, POST and HEAD only: show it as for a GET.
        ErrorResponses.send(new AsGet(request), response, refused.status(), refused.message());
    }

    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }
}
