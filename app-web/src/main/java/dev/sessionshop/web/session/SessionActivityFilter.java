package dev.sessionshop.web.session;

import dev.sessionshop.web.config.ShopSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Marks every response with the instance that served it ({@code X-Shop-Instance}, which tests and the
 * benchmark read), counts the requests of an existing session, and gives the page its session panel.
 * Requests that never need the session (static files, the catalog's JSON, the cluster view) neither
 * count nor load it: a page with ten pictures is one request of the shopper, and with the external
 * strategy they keep working while the session store is down. The labs' requests are not counted either:
 * they observe a session, and counting sets an attribute, which would make Payara write the whole
 * session back and hide exactly what lab 1 shows.
 */
public class SessionActivityFilter extends HttpFilter {

    public static final String INSTANCE_HEADER = "X-Shop-Instance";
    public static final String PANEL = "panel";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(INSTANCE_HEADER, InstanceIdentity.current().name());
        request.setAttribute(PANEL, new SessionPanel(request, ShopSettings.of(getServletContext()).strategy()));
        if (usesSession(request)) {
            HttpSession session = ShopSession.existing(request);
            if (session != null) {
                ShopSession.countRequest(session);
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean usesSession(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/images/") || path.equals("/favicon.ico")
                || path.startsWith("/api/products") || path.equals("/api/cluster") || path.startsWith("/api/labs/"));
    }
}
